// CWE-079 VULNERABLE: a Spring @RequestParam flows through a private helper method that returns its argument into the text/html body returned by a @RestController method; the value is written into an HTML response without encoding, so <script> runs in the victim's browser.
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/xss")
public class VulnXssSpringBody {

    @GetMapping(value = "/spring-body", produces = "text/html")
    public String handle(@RequestParam("q") String q) {
        String bar = cleanup(q);
        return "<html><body><h1>Results for " + bar + "</h1></body></html>";
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
