// CWE-330 VULNERABLE: AES key material is filled by java.util.Random.nextBytes, so the key is predictable.
import java.util.Random;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

public class VulnRandKeyBytes {

    private final Random random = new Random();

    public SecretKey newDataKey() {
        byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        return new SecretKeySpec(keyBytes, "AES");
    }
}
