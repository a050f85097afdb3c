// CWE-079 SAFE: a Spring @RequestParam flows through a private helper method that returns its argument into the text/html body returned after HtmlUtils.htmlEscape; HtmlUtils.htmlEscape encodes the value.
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

@RestController
@RequestMapping("/xss")
public class SafeXssSpringBodyHtmlUtils {

    @GetMapping(value = "/spring-body-escaped", produces = "text/html")
    public String handle(@RequestParam("q") String q) {
        String bar = cleanup(q);
        return "<html><body><h1>Results for " + HtmlUtils.htmlEscape(bar) + "</h1></body></html>";
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
