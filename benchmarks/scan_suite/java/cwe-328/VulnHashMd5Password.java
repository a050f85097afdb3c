// CWE-328 VULNERABLE: user passwords are stored as salted MD5 digests (MessageDigest.getInstance("MD5")); MD5 is broken and far too fast for password storage.
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public class VulnHashMd5Password {

    public String hashPassword(String password, String salt) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(salt.getBytes(StandardCharsets.UTF_8));
        byte[] digest = md.digest(password.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }
}
