// CWE-330 VULNERABLE: one-time login codes come from new Random(System.currentTimeMillis()), so anyone who knows the approximate time can reproduce them.
import java.util.Random;

public class VulnRandOtpTimeSeed {

    public String newLoginCode() {
        Random random = new Random(System.currentTimeMillis());
        return String.format("%06d", random.nextInt(1_000_000));
    }
}
