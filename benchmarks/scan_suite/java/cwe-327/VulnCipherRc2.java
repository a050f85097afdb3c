// CWE-327 VULNERABLE: the legacy RC2 block cipher ("RC2/CBC/PKCS5Padding") protects exported files.
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

public class VulnCipherRc2 {

    public byte[] exportEncrypted(byte[] file, byte[] keyMaterial, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("RC2/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyMaterial, "RC2"), new IvParameterSpec(iv));
        return cipher.doFinal(file);
    }
}
