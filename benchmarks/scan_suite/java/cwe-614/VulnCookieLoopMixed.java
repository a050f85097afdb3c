// CWE-614 VULNERABLE: a loop issues SESSION and XSRF-TOKEN cookies but calls setSecure only for SESSION, so the CSRF token cookie is sent over HTTP.
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe614/vulnCookieLoopMixed")
public class VulnCookieLoopMixed extends HttpServlet {

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
            cookie.setSecure("SESSION".equals(name));
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
