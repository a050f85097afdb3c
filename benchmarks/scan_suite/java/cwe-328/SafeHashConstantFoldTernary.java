// CWE-328 SAFE: the algorithm is (7 * 42) - 86 > 200 ? "SHA-256" : "MD5"; 208 > 200 is true, so SHA-256 is always used.
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

public class SafeHashConstantFoldTernary {

    public byte[] digest(byte[] document) throws NoSuchAlgorithmException {
        int num = 86;
        String algorithm = (7 * 42) - num > 200 ? "SHA-256" : "MD5";
        return MessageDigest.getInstance(algorithm).digest(document);
    }
}
