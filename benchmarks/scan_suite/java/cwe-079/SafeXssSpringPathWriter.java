// CWE-079 SAFE: a Spring @PathVariable reaches HttpServletResponse.getWriter().print in a Spring handler only through a constant-folded ternary ((7 * 42) - 86 = 208 > 200 is true, so the literal is always chosen), so the sink never receives a dangerous value.
import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/xss")
public class SafeXssSpringPathWriter {

    @GetMapping(value = "/spring-writer/{note}")
    public void handle(@PathVariable("note") String note, HttpServletResponse response) {
        int num = 86;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : note;
        response.setContentType("text/html;charset=UTF-8");
        try {
            response.getWriter().print("<p>Order note: " + bar + "</p>");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
