// CWE-328 SAFE: MessageDigest.getInstance("SHA-256", "SUN") is used to hash high-entropy session identifiers before they are logged.
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.HexFormat;

public class SafeHashProviderArg {

    public String hash(String sessionId, byte[] salt) throws NoSuchAlgorithmException, NoSuchProviderException {
        MessageDigest md = MessageDigest.getInstance("SHA-256", "SUN");
        md.update(salt);
        return HexFormat.of().formatHex(md.digest(sessionId.getBytes(StandardCharsets.UTF_8)));
    }
}
