// CWE-601 SAFE: the value of cookie "returnUrl" found by looping over request.getCookies() flows through ArrayList add/get into a Refresh header to a fixed local path with the value URL-encoded as a query parameter; the target path is constant; the encoded value can only be a query-string value.
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/safeRedirectCookieRefreshEncoded")
public class SafeRedirectCookieRefreshEncoded extends HttpServlet {

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
        response.setHeader("Refresh", "0; url=/search?q=" + URLEncoder.encode(bar, StandardCharsets.UTF_8));
        response.getWriter().println("Redirecting...");
    }
}
