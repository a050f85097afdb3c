// CWE-614 VULNERABLE: a 30-day remember-me cookie is added when the "remember" parameter is set, without setSecure(true).
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe614/vulnCookieRememberMe")
public class VulnCookieRememberMe extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if ("on".equals(request.getParameter("remember"))) {
            Cookie rememberMe = new Cookie("remember-me", newToken());
            rememberMe.setMaxAge(30 * 24 * 60 * 60);
            rememberMe.setHttpOnly(true);
            response.addCookie(rememberMe);
        }
        response.sendRedirect("/home");
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
