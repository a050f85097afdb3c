// CWE-601 VULNERABLE: the argument of a public library method flows by string concatenation into HttpServletResponse.sendRedirect in a post-login helper; the browser is sent to an attacker-chosen absolute URL (open redirect).
import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

public class VulnRedirectAfterLoginSuffix {

    private final HttpServletResponse response;

    public VulnRedirectAfterLoginSuffix(HttpServletResponse response) {
        this.response = response;
    }

    public void process(String target) {
        String bar = target + "?welcome=1";
        try {
            response.sendRedirect(bar);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
