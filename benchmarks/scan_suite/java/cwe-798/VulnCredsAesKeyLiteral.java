// CWE-798 VULNERABLE: the AES key is a string literal turned into a SecretKeySpec (hard-coded cryptographic key, CWE-321).
import java.nio.charset.StandardCharsets;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

public class VulnCredsAesKeyLiteral {

    private static final SecretKey DATA_KEY =
            new SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "AES");

    public SecretKey dataKey() {
        return DATA_KEY;
    }
}
