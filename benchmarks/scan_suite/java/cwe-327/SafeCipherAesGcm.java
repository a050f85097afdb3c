// CWE-327 SAFE: card numbers are encrypted with AES-256 in GCM mode (authenticated, random 96-bit IV).
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

public class SafeCipherAesGcm {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKey key;

    public SafeCipherAesGcm() throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        this.key = generator.generateKey();
    }

    public byte[] encryptCardNumber(String pan) throws GeneralSecurityException {
        byte[] plaintext = pan.getBytes(StandardCharsets.UTF_8);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        byte[] ciphertext = cipher.doFinal(plaintext);
        byte[] out = new byte[iv.length + ciphertext.length];
        System.arraycopy(iv, 0, out, 0, iv.length);
        System.arraycopy(ciphertext, 0, out, iv.length, ciphertext.length);
        return out;
    }
}
