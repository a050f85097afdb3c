// CWE-614 VULNERABLE: the hardening helper is applied to the "prefs" cookie, while the "auth" cookie that carries the token is added without setSecure(true).
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe614/vulnCookieHelperWrongObject")
public class VulnCookieHelperWrongObject extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Cookie prefs = new Cookie("prefs", "compact");
        Cookie auth = new Cookie("auth", newToken());
        harden(prefs);
        response.addCookie(prefs);
        response.addCookie(auth);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void harden(Cookie cookie) {
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
    }
}
