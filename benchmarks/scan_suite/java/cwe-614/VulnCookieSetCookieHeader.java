// CWE-614 VULNERABLE: the cookie is written by hand as a Set-Cookie header with Path, HttpOnly and SameSite but without the Secure attribute.
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe614/vulnCookieSetCookieHeader")
public class VulnCookieSetCookieHeader extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String token = newToken();
        response.addHeader("Set-Cookie", "remember=" + token + "; Path=/; HttpOnly; SameSite=Lax");
        response.getWriter().println("ok");
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
