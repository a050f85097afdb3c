// CWE-327 VULNERABLE: the transformation comes from a constant field TRANSFORMATION = "DES", so DES/ECB is used for the tokens.
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;

public class VulnCipherConstantField {

    private static final String TRANSFORMATION = "DES";

    private final SecretKey key;

    public VulnCipherConstantField(SecretKey key) {
        this.key = key;
    }

    public byte[] encryptToken(byte[] token) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(token);
    }
}
