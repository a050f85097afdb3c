// CWE-330 SAFE: invitation codes are built in a loop from SecureRandom.nextInt indexes.
import java.security.SecureRandom;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/team")
public class SafeRandInviteCodeLoop {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PostMapping("/invites")
    public String createInvite() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            int index = RANDOM.nextInt(ALPHABET.length());
            code.append(ALPHABET.charAt(index));
        }
        return code.toString();
    }
}
