// CWE-327 SAFE: a SecretKeySpec for "AES" is used with "AES/GCM/NoPadding" and a fresh random IV.
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

public class SafeCipherAesGcmKeySpec {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] keyBytes;

    public SafeCipherAesGcmKeySpec(byte[] keyBytes) {
        this.keyBytes = keyBytes.clone();
    }

    public byte[] seal(byte[] plaintext) throws GeneralSecurityException {
        SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
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
