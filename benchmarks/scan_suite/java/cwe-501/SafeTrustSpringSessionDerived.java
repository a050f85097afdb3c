// CWE-501 SAFE: a Spring @RequestParam reaches HttpSession.setAttribute("userName", value) only through a test on the input that only selects between two literals, so the sink never receives a dangerous value.
import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/trust")
public class SafeTrustSpringSessionDerived {

    @GetMapping(value = "/setattr")
    public String handle(@RequestParam("displayName") String displayName, HttpSession session) {
        String bar = displayName.isEmpty() ? "anonymous" : "named";
        session.setAttribute("userName", bar);
        return "ok";
    }
}
