// CWE-327 VULNERABLE: AES is used in ECB mode ("AES/ECB/PKCS5Padding"), so equal plaintext blocks give equal ciphertext blocks and patterns leak.
import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;

public class VulnCipherAesEcb {

    private final SecretKey key;

    public VulnCipherAesEcb(SecretKey key) {
        this.key = key;
    }

    public byte[] encryptProfile(byte[] profileJson) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(profileJson);
    }
}
