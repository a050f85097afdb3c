// CWE-079 SAFE: the value of the first parameter whose name starts with "search." (getParameterNames enumeration) reaches an HTML attribute value written with println only through a constant if/else ((500 / 42) + 186 = 197 is not > 200, so the literal branch is always taken), so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/safeXssNamesAttr")
public class SafeXssNamesAttr extends HttpServlet {

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
        int num = 186;
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
