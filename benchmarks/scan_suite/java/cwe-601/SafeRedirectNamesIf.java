// CWE-601 SAFE: the value of the first parameter whose name starts with "dest." (getParameterNames enumeration) reaches a manual 302 with response.setHeader("Location", value) only through a constant if/else ((500 / 42) + 186 = 197 is not > 200, so the literal branch is always taken), so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/safeRedirectNamesIf")
public class SafeRedirectNamesIf extends HttpServlet {

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
        int num = 186;
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
