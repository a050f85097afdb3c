// CWE-327 VULNERABLE: a SecretKeySpec for "DESede" is used with "DESede/ECB/PKCS5Padding" (64-bit block cipher in ECB mode: identical blocks leak, Sweet32).
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

public class VulnCipherTripleDesEcb {

    private final byte[] keyBytes;

    public VulnCipherTripleDesEcb(byte[] keyBytes) {
        this.keyBytes = keyBytes.clone();
    }

    public byte[] seal(byte[] record) throws GeneralSecurityException {
        SecretKeySpec spec = new SecretKeySpec(keyBytes, "DESede");
        Cipher cipher = Cipher.getInstance("DESede/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, spec);
        return cipher.doFinal(record);
    }
}
