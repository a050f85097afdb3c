// CWE-327 VULNERABLE: backup archives are encrypted with Cipher.getInstance("Blowfish"), which defaults to Blowfish/ECB/PKCS5Padding (64-bit block, ECB mode).
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

public class VulnCipherBlowfish {

    public byte[] encryptBackup(byte[] archive, byte[] secret) throws GeneralSecurityException {
        Cipher blowfish = Cipher.getInstance("Blowfish");
        blowfish.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secret, "Blowfish"));
        return blowfish.doFinal(archive);
    }
}
