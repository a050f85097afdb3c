// CWE-328 SAFE: look-alike: "MD5" and "SHA-1" only appear in a deny-list that rejects configured algorithms; the digest actually computed is SHA3-256.
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

public class SafeHashRejectWeak {

    private static final Set<String> WEAK = Set.of("MD2", "MD5", "SHA-1", "SHA1");

    public byte[] digest(String configured, byte[] data) throws NoSuchAlgorithmException {
        if (WEAK.contains(configured.toUpperCase())) {
            throw new NoSuchAlgorithmException("weak digest " + configured + " is disabled");
        }
        return MessageDigest.getInstance("SHA3-256").digest(data);
    }
}
