// CWE-330 SAFE: two-factor challenge codes come from SecureRandom.nextInt(900000) + 100000.
import java.security.SecureRandom;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/security")
public class SafeRandTwoFactorSecure {

    private static final SecureRandom CODES = new SecureRandom();

    @PostMapping("/2fa/challenge")
    public String challenge() {
        int code = CODES.nextInt(900000) + 100000;
        return "challenge issued: " + Integer.toString(code).length() + " digits";
    }
}
