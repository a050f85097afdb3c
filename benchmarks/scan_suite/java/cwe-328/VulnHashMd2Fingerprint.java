// CWE-328 VULNERABLE: uploaded contracts are fingerprinted for tamper detection with MD2 (MessageDigest.getInstance("MD2")).
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

public class VulnHashMd2Fingerprint {

    public String fingerprint(byte[] contractPdf) throws NoSuchAlgorithmException {
        MessageDigest md2 = MessageDigest.getInstance("MD2");
        return Base64.getEncoder().encodeToString(md2.digest(contractPdf));
    }
}
