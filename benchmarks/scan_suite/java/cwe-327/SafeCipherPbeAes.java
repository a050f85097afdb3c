// CWE-327 SAFE: password-based encryption with "PBEWithHmacSHA256AndAES_256" and a high iteration count.
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

public class SafeCipherPbeAes {

    public byte[] encryptWithPassword(char[] password, byte[] salt, byte[] iv, byte[] data) throws GeneralSecurityException {
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBEWithHmacSHA256AndAES_256");
        SecretKey key = factory.generateSecret(new PBEKeySpec(password));
        Cipher cipher = Cipher.getInstance("PBEWithHmacSHA256AndAES_256");
        cipher.init(Cipher.ENCRYPT_MODE, key, new PBEParameterSpec(salt, 310000, new IvParameterSpec(iv)));
        return cipher.doFinal(data);
    }
}
