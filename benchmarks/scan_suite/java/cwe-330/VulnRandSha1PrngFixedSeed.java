// CWE-330 VULNERABLE: a SHA1PRNG SecureRandom is given a constant seed with setSeed(42L) before first use, which makes the SUN SHA1PRNG output fully deterministic (CWE-336, a CWE-330 child).
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

public class VulnRandSha1PrngFixedSeed {

    public String newApiSecret() throws NoSuchAlgorithmException {
        SecureRandom prng = SecureRandom.getInstance("SHA1PRNG");
        prng.setSeed(42L);
        byte[] secret = new byte[32];
        prng.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
