// CWE-614 SAFE: the servlet only reads request.getCookies() to find the session cookie; it never creates or adds a cookie, so no cookie attributes are set here.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe614/safeCookieReadOnly")
public class SafeCookieReadOnly extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        boolean hasSession = false;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("SESSIONTOKEN".equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                    hasSession = true;
                }
            }
        }
        response.getWriter().println(hasSession ? "session present" : "no session");
    }
}
