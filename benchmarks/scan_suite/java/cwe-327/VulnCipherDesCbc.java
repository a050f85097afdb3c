// CWE-327 VULNERABLE: card numbers are encrypted with DES ("DES/CBC/PKCS5Padding", 56-bit key, brute-forceable).
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

public class VulnCipherDesCbc {

    private final SecretKey key;

    public VulnCipherDesCbc() throws GeneralSecurityException {
        this.key = KeyGenerator.getInstance("DES").generateKey();
    }

    public byte[] encryptCardNumber(String pan) throws GeneralSecurityException {
        byte[] iv = new byte[8];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("DES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        return cipher.doFinal(pan.getBytes(StandardCharsets.UTF_8));
    }
}
