// CWE-328 SAFE: the digest algorithm comes from a constant field ALGORITHM = "SHA-256".
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public class SafeHashConstantField {

    private static final String ALGORITHM = "SHA-256";

    public String digestToken(String token) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance(ALGORITHM);
        return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
