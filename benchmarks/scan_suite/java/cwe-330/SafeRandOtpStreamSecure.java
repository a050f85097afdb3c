// CWE-330 SAFE: SMS verification codes are six digits from SecureRandom.ints(6, 0, 10).
import java.security.SecureRandom;
import java.util.stream.Collectors;

public class SafeRandOtpStreamSecure {

    private final SecureRandom secureRandom = new SecureRandom();

    public String newSmsCode() {
        return secureRandom.ints(6, 0, 10)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining());
    }
}
