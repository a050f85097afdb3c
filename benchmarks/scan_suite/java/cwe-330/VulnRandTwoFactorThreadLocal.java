// CWE-330 VULNERABLE: two-factor challenge codes come from ThreadLocalRandom.current().nextInt(100000, 1000000).
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/security")
public class VulnRandTwoFactorThreadLocal {

    @PostMapping("/2fa/challenge")
    public String challenge() {
        int code = ThreadLocalRandom.current().nextInt(100000, 1000000);
        return "challenge issued: " + Integer.toString(code).length() + " digits";
    }
}
