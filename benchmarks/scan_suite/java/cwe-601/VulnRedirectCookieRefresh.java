// CWE-601 VULNERABLE: the value of cookie "returnUrl" found by looping over request.getCookies() flows through ArrayList add/get into a Refresh header ("0; url=" + value); the browser is sent to an attacker-chosen absolute URL (open redirect).
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/vulnRedirectCookieRefresh")
public class VulnRedirectCookieRefresh extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "none";
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("returnUrl".equals(cookie.getName())) {
                    param = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add("first");
        parts.add(param);
        String bar = parts.get(1);
        response.setHeader("Refresh", "0; url=" + bar);
        response.getWriter().println("Redirecting...");
    }
}
