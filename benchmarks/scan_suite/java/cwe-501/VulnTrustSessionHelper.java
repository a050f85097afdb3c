// CWE-501 VULNERABLE: the argument of a public library method flows through a Base64 encode/decode round trip into HttpSession.setAttribute("userName", value); untrusted request data is stored in the HttpSession next to trusted server-side state (trust boundary violation).
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.servlet.http.HttpSession;

public class VulnTrustSessionHelper {

    private final HttpSession session;

    public VulnTrustSessionHelper(HttpSession session) {
        this.session = session;
    }

    public void process(String userName) {
        byte[] encoded = Base64.getEncoder().encode(userName.getBytes(StandardCharsets.UTF_8));
        String bar = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        session.setAttribute("userName", bar);
    }
}
