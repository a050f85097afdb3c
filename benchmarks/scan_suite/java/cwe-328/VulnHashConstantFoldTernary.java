// CWE-328 VULNERABLE: the algorithm is (7 * 42) - 106 > 200 ? "SHA-256" : "MD5"; 188 > 200 is false, so document signatures use MD5.
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

public class VulnHashConstantFoldTernary {

    public byte[] digest(byte[] document) throws NoSuchAlgorithmException {
        int num = 106;
        String algorithm = (7 * 42) - num > 200 ? "SHA-256" : "MD5";
        return MessageDigest.getInstance(algorithm).digest(document);
    }
}
