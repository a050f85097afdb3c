// CWE-601 SAFE: the argument of a public library method reaches HttpServletResponse.sendRedirect in a post-login helper only through Integer.parseInt, which restricts the value to digits, so the sink never receives a dangerous value.
import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

public class SafeRedirectAfterLoginParseInt {

    private final HttpServletResponse response;

    public SafeRedirectAfterLoginParseInt(HttpServletResponse response) {
        this.response = response;
    }

    public void process(String orderId) {
        int number = Integer.parseInt(orderId.trim());
        String bar = Integer.toString(number);
        try {
            response.sendRedirect(bar);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
