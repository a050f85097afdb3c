// CWE-501 SAFE: a Spring @CookieValue flows by string concatenation into HttpSession.getAttribute compared with the value; the session is only read; the request value is compared and never stored.
import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/trust")
public class SafeTrustSpringCookieCompare {

    @GetMapping(value = "/getattr-compare")
    public String handle(@CookieValue(name = "visitor", defaultValue = "") String visitor, HttpSession session) {
        String bar = "visitor-" + visitor;
        Object current = session.getAttribute("userName");
        boolean sameUser = bar.equals(current);
        return "ok";
    }
}
