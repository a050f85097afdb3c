// CWE-079 SAFE: the value of cookie "displayName" found by looping over request.getCookies() flows through ArrayList add/get into printf with an argument encoded by org.apache.commons.text.StringEscapeUtils.escapeHtml4; the printf argument is HTML-escaped.
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/safeXssCookiePrintfEscaped")
public class SafeXssCookiePrintfEscaped extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "none";
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("displayName".equals(cookie.getName())) {
                    param = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add("first");
        parts.add(param);
        String bar = parts.get(1);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().printf(Locale.US, "<h2>Welcome back, %s</h2>%n", org.apache.commons.text.StringEscapeUtils.escapeHtml4(bar));
    }
}
