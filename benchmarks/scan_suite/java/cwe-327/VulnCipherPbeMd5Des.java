// CWE-327 VULNERABLE: password-based encryption with "PBEWithMD5AndDES" (DES with an MD5-derived key).
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

public class VulnCipherPbeMd5Des {

    public byte[] encryptWithPassword(char[] password, byte[] salt, byte[] data) throws GeneralSecurityException {
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBEWithMD5AndDES");
        SecretKey key = factory.generateSecret(new PBEKeySpec(password));
        Cipher cipher = Cipher.getInstance("PBEWithMD5AndDES");
        cipher.init(Cipher.ENCRYPT_MODE, key, new PBEParameterSpec(salt, 1000));
        return cipher.doFinal(data);
    }
}
