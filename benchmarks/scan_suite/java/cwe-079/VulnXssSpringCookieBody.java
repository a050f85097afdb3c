// CWE-079 VULNERABLE: a Spring @CookieValue flows through Optional.ofNullable(..).map(..).orElse(..) into the text/html body returned by a @RestController method; the value is written into an HTML response without encoding, so <script> runs in the victim's browser.
import java.util.Optional;

import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/xss")
public class VulnXssSpringCookieBody {

    @GetMapping(value = "/spring-body", produces = "text/html")
    public String handle(@CookieValue(name = "lastQuery", defaultValue = "") String lastQuery) {
        String bar = Optional.ofNullable(lastQuery).map(String::trim).orElse("");
        return "<html><body><h1>Results for " + bar + "</h1></body></html>";
    }
}
