// CWE-327 VULNERABLE: session blobs are encrypted with the RC4 stream cipher (Cipher.getInstance("RC4")), which has exploitable keystream biases.
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

public class VulnCipherRc4 {

    private final SecretKey key;

    public VulnCipherRc4() throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("RC4");
        generator.init(128);
        this.key = generator.generateKey();
    }

    public byte[] protect(byte[] sessionBlob) throws GeneralSecurityException {
        Cipher rc4 = Cipher.getInstance("RC4");
        rc4.init(Cipher.ENCRYPT_MODE, key);
        return rc4.doFinal(sessionBlob);
    }
}
