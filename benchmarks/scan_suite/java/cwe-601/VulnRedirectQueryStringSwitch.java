// CWE-601 VULNERABLE: the "goto" field parsed by hand out of request.getQueryString() flows through a switch on a constant char that selects the tainted branch ("ABC".charAt(1) == 'B') into response.sendRedirect; the browser is sent to an attacker-chosen absolute URL (open redirect).
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/vulnRedirectQueryStringSwitch")
public class VulnRedirectQueryStringSwitch extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String queryString = request.getQueryString();
        String marker = "goto=";
        String param = "";
        if (queryString != null) {
            int start = queryString.indexOf(marker);
            if (start >= 0) {
                int end = queryString.indexOf('&', start);
                param = queryString.substring(start + marker.length(), end < 0 ? queryString.length() : end);
                param = URLDecoder.decode(param, StandardCharsets.UTF_8);
            }
        }
        String selector = "ABC";
        char target = selector.charAt(1);
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
        response.sendRedirect(bar);
    }
}
