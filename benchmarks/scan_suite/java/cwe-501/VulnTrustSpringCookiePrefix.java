// CWE-501 VULNERABLE: a Spring @CookieValue flows by string concatenation into HttpSession.setAttribute("userName", value); untrusted request data is stored in the HttpSession next to trusted server-side state (trust boundary violation).
import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/trust")
public class VulnTrustSpringCookiePrefix {

    @GetMapping(value = "/setattr")
    public String handle(@CookieValue(name = "visitor", defaultValue = "") String visitor, HttpSession session) {
        String bar = "visitor-" + visitor;
        session.setAttribute("userName", bar);
        return "ok";
    }
}
