// CWE-614 SAFE: the loop issuing SESSION and XSRF-TOKEN calls setSecure(true) on every cookie.
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe614/safeCookieLoopAllSecure")
public class SafeCookieLoopAllSecure extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] names = {"SESSION", "XSRF-TOKEN"};
        for (String name : names) {
            Cookie cookie = new Cookie(name, newToken());
            cookie.setPath("/");
            cookie.setSecure(true);
            response.addCookie(cookie);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
