// CWE-328 VULNERABLE: login passwords are checked against org.springframework.util.DigestUtils.md5DigestAsHex values (MD5).
import java.nio.charset.StandardCharsets;

import org.springframework.util.DigestUtils;

public class VulnHashSpringDigestUtils {

    public boolean matches(String rawPassword, String storedMd5Hex) {
        String candidate = DigestUtils.md5DigestAsHex(rawPassword.getBytes(StandardCharsets.UTF_8));
        return candidate.equals(storedMd5Hex);
    }
}
