// CWE-328 VULNERABLE: request signatures are computed as Guava Hashing.md5() over secret + body.
import java.nio.charset.StandardCharsets;

import com.google.common.hash.Hashing;

public class VulnHashGuavaMd5 {

    @SuppressWarnings("deprecation")
    public String sign(String secret, String body) {
        return Hashing.md5().hashString(secret + body, StandardCharsets.UTF_8).toString();
    }
}
