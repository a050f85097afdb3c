// CWE-327 SAFE: look-alike: "RSA/ECB/OAEPWithSHA-256AndMGF1Padding" contains "ECB" but for RSA the mode name is a placeholder; OAEP with SHA-256 is the recommended RSA encryption padding.
import java.security.GeneralSecurityException;
import java.security.PublicKey;

import javax.crypto.Cipher;

public class SafeCipherRsaOaep {

    public byte[] wrapForPartner(byte[] dataKey, PublicKey partnerKey) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, partnerKey);
        return rsa.doFinal(dataKey);
    }
}
