// CWE-327 VULNERABLE: Cipher.getInstance("DESede/CBC/PKCS5Padding", "SunJCE") - naming a provider does not make Triple-DES (64-bit block) acceptable.
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

public class VulnCipherProviderArg {

    public byte[] encrypt(SecretKey tripleDesKey, byte[] iv, byte[] data) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding", "SunJCE");
        cipher.init(Cipher.ENCRYPT_MODE, tripleDesKey, new IvParameterSpec(iv));
        return cipher.doFinal(data);
    }
}
