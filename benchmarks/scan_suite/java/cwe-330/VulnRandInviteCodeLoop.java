// CWE-330 VULNERABLE: invitation codes (which grant sign-up) are built in a loop from Math.random() indexes.
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/team")
public class VulnRandInviteCodeLoop {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @PostMapping("/invites")
    public String createInvite() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            int index = (int) (Math.random() * ALPHABET.length());
            code.append(ALPHABET.charAt(index));
        }
        return code.toString();
    }
}
