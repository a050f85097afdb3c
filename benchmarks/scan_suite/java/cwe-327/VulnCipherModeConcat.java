// CWE-327 VULNERABLE: the transformation is assembled as "AES/" + mode + "/PKCS5Padding" with mode = "ECB".
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;

public class VulnCipherModeConcat {

    public byte[] encrypt(SecretKey key, byte[] data) throws GeneralSecurityException {
        String mode = "ECB";
        String transformation = "AES/" + mode + "/PKCS5Padding";
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }
}
