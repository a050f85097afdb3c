// CWE-094 SAFE: the value of the first parameter whose name starts with "rule." (getParameterNames enumeration) reaches GroovyShell.evaluate only through a constant if/else ((500 / 42) + 186 = 197 is not > 200, so the literal branch is always taken), so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import groovy.lang.GroovyShell;

@WebServlet(value = "/codei/safeCodeiNamesGroovy")
public class SafeCodeiNamesGroovy extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("rule.")) {
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
        Object value = null;
        GroovyShell shell = new GroovyShell();
        value = shell.evaluate(bar);
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
