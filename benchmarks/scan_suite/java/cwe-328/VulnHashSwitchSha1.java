// CWE-328 VULNERABLE: firmware integrity checksums use the algorithm picked by a switch on "ABC".charAt(1) == 'B', i.e. "SHA-1".
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

public class VulnHashSwitchSha1 {

    public byte[] checksum(byte[] firmware) throws NoSuchAlgorithmException {
        String selector = "ABC";
        String algorithm;
        switch (selector.charAt(1)) {
            case 'A':
                algorithm = "MD5";
                break;
            case 'B':
                algorithm = "SHA-1";
                break;
            default:
                algorithm = "SHA-256";
                break;
        }
        return MessageDigest.getInstance(algorithm).digest(firmware);
    }
}
