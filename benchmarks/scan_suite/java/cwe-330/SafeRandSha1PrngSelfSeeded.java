// CWE-330 SAFE: a SHA1PRNG SecureRandom is used without setSeed, so it seeds itself from the operating system entropy source on first use.
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

public class SafeRandSha1PrngSelfSeeded {

    public String newApiSecret() throws NoSuchAlgorithmException {
        SecureRandom prng = SecureRandom.getInstance("SHA1PRNG");
        byte[] secret = new byte[32];
        prng.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
