// CWE-079 VULNERABLE: a Spring @PathVariable flows through a ternary whose constant condition (7 * 42) - 106 = 188 > 200 is false and picks the input into HttpServletResponse.getWriter().print in a Spring handler; the value is written into an HTML response without encoding, so <script> runs in the victim's browser.
import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/xss")
public class VulnXssSpringPathWriter {

    @GetMapping(value = "/spring-writer/{note}")
    public void handle(@PathVariable("note") String note, HttpServletResponse response) {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : note;
        response.setContentType("text/html;charset=UTF-8");
        try {
            response.getWriter().print("<p>Order note: " + bar + "</p>");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
