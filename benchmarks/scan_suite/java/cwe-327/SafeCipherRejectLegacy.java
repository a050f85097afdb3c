// CWE-327 SAFE: look-alike: "DES", "DESede", "RC4" and "Blowfish" only appear in a deny-list used to reject configuration values; the cipher actually created is AES/GCM/NoPadding.
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

public class SafeCipherRejectLegacy {

    private static final Set<String> FORBIDDEN = Set.of("DES", "DESede", "RC4", "Blowfish");
    private static final SecureRandom RANDOM = new SecureRandom();

    public byte[] encrypt(String configuredAlgorithm, SecretKey key, byte[] plaintext) throws GeneralSecurityException {
        if (FORBIDDEN.contains(configuredAlgorithm)) {
            throw new GeneralSecurityException("legacy cipher " + configuredAlgorithm + " is not allowed");
        }
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
