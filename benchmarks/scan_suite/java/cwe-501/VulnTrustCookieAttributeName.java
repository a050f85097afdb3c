// CWE-501 VULNERABLE: the value of cookie "pref" found by looping over request.getCookies() flows through ArrayList add/get into HttpSession.setAttribute(value, "10340") (attacker-chosen attribute name); the request chooses the session attribute NAME, so it can overwrite trusted attributes such as the role.
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet(value = "/trust/vulnTrustCookieAttributeName")
public class VulnTrustCookieAttributeName extends HttpServlet {

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
        List<String> parts = new ArrayList<>();
        parts.add("first");
        parts.add(param);
        String bar = parts.get(1);
        HttpSession session = request.getSession(true);
        session.setAttribute(bar, "10340");
        response.getWriter().println("Saved");
    }
}
