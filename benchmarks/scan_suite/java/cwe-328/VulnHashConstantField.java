// CWE-328 VULNERABLE: the digest algorithm comes from a constant field ALGORITHM = "MD5" used to hash remember-me tokens.
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public class VulnHashConstantField {

    private static final String ALGORITHM = "MD5";

    public String digestToken(String token) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance(ALGORITHM);
        return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
