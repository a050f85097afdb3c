// CWE-328 VULNERABLE: passwords are hashed with SHA-1 (MessageDigest.getInstance("SHA-1")), a collision-broken fast hash.
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public class VulnHashSha1Password {

    public boolean verify(String password, String storedHex) throws NoSuchAlgorithmException {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] computed = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(computed, HexFormat.of().parseHex(storedHex));
    }
}
