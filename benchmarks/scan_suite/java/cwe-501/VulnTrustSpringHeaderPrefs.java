// CWE-501 VULNERABLE: a Spring @RequestHeader flows through java.net.URLDecoder.decode into a HashMap that is stored in the HttpSession; the tainted value is stored in the session inside a map object, mixing untrusted and trusted data.
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpSession;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/trust")
public class VulnTrustSpringHeaderPrefs {

    @GetMapping(value = "/prefs-map")
    public String handle(@RequestHeader("X-Theme") String input, HttpSession session) {
        String bar = java.net.URLDecoder.decode(input, java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> prefs = new HashMap<>();
        prefs.put("theme", bar);
        prefs.put("locale", "en");
        session.setAttribute("prefs", prefs);
        return "ok";
    }
}
