// CWE-327 SAFE: session blobs are encrypted with ChaCha20-Poly1305 (modern AEAD stream cipher) with a random 96-bit nonce.
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

public class SafeCipherChaCha20Poly1305 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKey key;

    public SafeCipherChaCha20Poly1305() throws GeneralSecurityException {
        this.key = KeyGenerator.getInstance("ChaCha20").generateKey();
    }

    public byte[] protect(byte[] sessionBlob) throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
        byte[] sealed = cipher.doFinal(sessionBlob);
        byte[] out = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return out;
    }
}
