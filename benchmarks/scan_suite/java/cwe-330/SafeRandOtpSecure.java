// CWE-330 SAFE: one-time login codes come from SecureRandom.nextInt(1_000_000).
import java.security.SecureRandom;

public class SafeRandOtpSecure {

    private final SecureRandom random = new SecureRandom();

    public String newLoginCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }
}
