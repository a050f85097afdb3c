// CWE-328 VULNERABLE: MessageDigest.getInstance("MD5", "SUN") is used for password hashes; naming the provider does not change the algorithm.
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.util.HexFormat;

public class VulnHashProviderArg {

    public String hash(String password, byte[] salt) throws NoSuchAlgorithmException, NoSuchProviderException {
        MessageDigest md = MessageDigest.getInstance("MD5", "SUN");
        md.update(salt);
        return HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
    }
}
