// CWE-327 SAFE: a switch on "ABC".charAt(0) == 'A' selects "AES/GCM/NoPadding"; the DES branch is dead code.
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

public class SafeCipherSwitchAes {

    public byte[] encrypt(SecretKey key, byte[] data) throws GeneralSecurityException {
        String selector = "ABC";
        char choice = selector.charAt(0);
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
