// CWE-614 SAFE: the hardening helper (setSecure(true) + HttpOnly) is applied to both the "prefs" and the "auth" cookie.
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe614/safeCookieHelperSameObject")
public class SafeCookieHelperSameObject extends HttpServlet {

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
        harden(auth);
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
