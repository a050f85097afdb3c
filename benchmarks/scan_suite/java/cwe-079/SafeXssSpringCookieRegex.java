// CWE-079 SAFE: a Spring @CookieValue reaches the text/html body returned by a @RestController method only through a strict regex check ([A-Za-z0-9_]{1,32}) that returns early on anything else, so the sink never receives a dangerous value.
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/xss")
public class SafeXssSpringCookieRegex {

    @GetMapping(value = "/spring-body", produces = "text/html")
    public String handle(@CookieValue(name = "lastQuery", defaultValue = "") String lastQuery) {
        if (!lastQuery.matches("[A-Za-z0-9_]{1,32}")) {
            throw new IllegalArgumentException("rejected input");
        }
        String bar = lastQuery;
        return "<html><body><h1>Results for " + bar + "</h1></body></html>";
    }
}
