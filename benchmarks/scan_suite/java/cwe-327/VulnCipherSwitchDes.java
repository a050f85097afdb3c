// CWE-327 VULNERABLE: a switch on "ABC".charAt(1) == 'B' selects "DES/CBC/PKCS5Padding".
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

public class VulnCipherSwitchDes {

    public byte[] encrypt(SecretKey key, byte[] data) throws GeneralSecurityException {
        String selector = "ABC";
        char choice = selector.charAt(1);
        String transformation;
        switch (choice) {
            case 'A':
                transformation = "AES/GCM/NoPadding";
                break;
            case 'B':
                transformation = "DES/CBC/PKCS5Padding";
                break;
            default:
                transformation = "AES/GCM/NoPadding";
                break;
        }
        Cipher cipher = Cipher.getInstance(transformation);
        if (transformation.startsWith("AES")) {
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        } else {
            cipher.init(Cipher.ENCRYPT_MODE, key);
        }
        return cipher.doFinal(data);
    }
}
