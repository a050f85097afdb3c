// CWE-330 VULNERABLE: SMS verification codes are six digits from new Random().ints(6, 0, 10).
import java.util.Random;
import java.util.stream.Collectors;

public class VulnRandOtpStream {

    public String newSmsCode() {
        return new Random().ints(6, 0, 10)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining());
    }
}
