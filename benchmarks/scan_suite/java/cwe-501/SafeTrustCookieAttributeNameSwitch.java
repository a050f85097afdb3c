// CWE-501 SAFE: the value of cookie "pref" found by looping over request.getCookies() reaches HttpSession.setAttribute(value, "10340") (attacker-chosen attribute name) only through a switch on a constant char ("ABC".charAt(2) == 'C', whose branch assigns a literal), so the sink never receives a dangerous value.
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet(value = "/trust/safeTrustCookieAttributeNameSwitch")
public class SafeTrustCookieAttributeNameSwitch extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "none";
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("pref".equals(cookie.getName())) {
                    param = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        String selector = "ABC";
        char target = selector.charAt(2);
        String bar;
        switch (target) {
            case 'A':
                bar = "alpha";
                break;
            case 'B':
                bar = param;
                break;
            case 'C':
            case 'D':
                bar = "gamma";
                break;
            default:
                bar = "omega";
                break;
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(bar, "10340");
        response.getWriter().println("Saved");
    }
}
