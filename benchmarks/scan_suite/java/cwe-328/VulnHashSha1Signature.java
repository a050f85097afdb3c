// CWE-328 VULNERABLE: webhook payloads are authenticated with SHA1(secret + body) using the provider name "SHA1", a weak hash for an integrity check.
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public class VulnHashSha1Signature {

    private final String sharedSecret;

    public VulnHashSha1Signature(String sharedSecret) {
        this.sharedSecret = sharedSecret;
    }

    public boolean isAuthentic(String body, String signatureHex) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA1");
        byte[] expected = digest.digest((sharedSecret + body).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signatureHex));
    }
}
