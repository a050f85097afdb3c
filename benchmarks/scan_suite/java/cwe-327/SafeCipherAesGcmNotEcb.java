// CWE-327 SAFE: the same profile encryption as the ECB case but with "AES/GCM/NoPadding" and a random IV.
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

public class SafeCipherAesGcmNotEcb {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKey key;

    public SafeCipherAesGcmNotEcb(SecretKey key) {
        this.key = key;
    }

    public byte[] encryptProfile(byte[] plaintext) throws GeneralSecurityException {
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
