// CWE-601 VULNERABLE: the value of the first parameter whose name starts with "dest." (getParameterNames enumeration) flows through an if/else whose constant condition (500 / 42) + 196 = 207 > 200 is true and picks the input into a manual 302 with response.setHeader("Location", value); the browser is sent to an attacker-chosen absolute URL (open redirect).
import java.io.IOException;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/vulnRedirectNamesIf")
public class VulnRedirectNamesIf extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("dest.")) {
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
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", bar);
    }
}
