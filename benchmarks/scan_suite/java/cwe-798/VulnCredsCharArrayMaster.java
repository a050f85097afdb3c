// CWE-798 VULNERABLE: the master password for key derivation is a hard-coded char[] literal.
import java.security.GeneralSecurityException;

import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

public class VulnCredsCharArrayMaster {

    private static final char[] MASTER = {'m', '4', 's', 't', '3', 'r', '-', 'k', '3', 'y'};

    public SecretKey deriveKey(byte[] salt) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(MASTER, salt, 210000, 256);
        byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return new SecretKeySpec(raw, "AES");
    }
}
