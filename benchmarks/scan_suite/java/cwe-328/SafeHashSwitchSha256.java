// CWE-328 SAFE: the switch on "ABC".charAt(2) == 'C' falls to the default branch, "SHA-256"; the MD5 and SHA-1 branches are dead code.
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

public class SafeHashSwitchSha256 {

    public byte[] checksum(byte[] firmware) throws NoSuchAlgorithmException {
        String selector = "ABC";
        String algorithm;
        switch (selector.charAt(2)) {
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
