// CWE-327 VULNERABLE: Cipher.getInstance("AES") without mode/padding: the SunJCE provider defaults to AES/ECB/PKCS5Padding.
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;

public class VulnCipherAesDefaultMode {

    public byte[] encrypt(SecretKey key, byte[] message) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(message);
    }
}
