// CWE-328 SAFE: uploaded contracts are fingerprinted with SHA-512.
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

public class SafeHashSha512Fingerprint {

    public String fingerprint(byte[] contractPdf) throws NoSuchAlgorithmException {
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        return Base64.getEncoder().encodeToString(sha512.digest(contractPdf));
    }
}
