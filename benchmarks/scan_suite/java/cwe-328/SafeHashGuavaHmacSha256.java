// CWE-328 SAFE: request signatures are computed with Guava Hashing.hmacSha256(secret) over the body.
import java.nio.charset.StandardCharsets;

import com.google.common.hash.Hashing;

public class SafeHashGuavaHmacSha256 {

    public String sign(String secret, String body) {
        return Hashing.hmacSha256(secret.getBytes(StandardCharsets.UTF_8))
                .hashString(body, StandardCharsets.UTF_8)
                .toString();
    }
}
