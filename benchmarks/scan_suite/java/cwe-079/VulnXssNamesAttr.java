// CWE-079 VULNERABLE: the value of the first parameter whose name starts with "search." (getParameterNames enumeration) flows through an if/else whose constant condition (500 / 42) + 196 = 207 > 200 is true and picks the input into an HTML attribute value written with println; the value lands inside a double-quoted attribute without encoding, so a quote closes it and adds onmouseover=.
import java.io.IOException;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/vulnXssNamesAttr")
public class VulnXssNamesAttr extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("search.")) {
                param = request.getParameter(name);
                break;
            }
        }
        int num = 196;
        String bar;
        if ((500 / 42) + num > 200) {
            bar = param;
        } else {
            bar = "fallback";
        }
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().println("<input type=\"text\" name=\"q\" value=\"" + bar + "\">");
    }
}
