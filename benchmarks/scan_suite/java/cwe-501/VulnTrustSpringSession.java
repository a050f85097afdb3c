// CWE-501 VULNERABLE: a Spring @RequestParam flows through a private helper method that returns its argument into HttpSession.setAttribute("userName", value); untrusted request data is stored in the HttpSession next to trusted server-side state (trust boundary violation).
import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/trust")
public class VulnTrustSpringSession {

    @GetMapping(value = "/setattr")
    public String handle(@RequestParam("displayName") String displayName, HttpSession session) {
        String bar = cleanup(displayName);
        session.setAttribute("userName", bar);
        return "ok";
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
