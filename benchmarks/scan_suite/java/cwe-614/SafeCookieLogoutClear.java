// CWE-614 SAFE: on logout the session cookie is overwritten with an empty value, Max-Age 0 and setSecure(true).
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe614/safeCookieLogoutClear")
public class SafeCookieLogoutClear extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        request.getSession().invalidate();
        Cookie cleared = new Cookie("SESSIONTOKEN", "");
        cleared.setMaxAge(0);
        cleared.setPath("/");
        cleared.setSecure(true);
        cleared.setHttpOnly(true);
        response.addCookie(cleared);
        response.sendRedirect("/login");
    }
}
