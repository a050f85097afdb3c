// CWE-094 SAFE: request.getHeader("X-Rule") flows through a chain of local variables into GroovyShell.evaluate of a constant script with a Binding variable; only a constant script is compiled; the value is a variable.
import java.io.IOException;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/codei/safeCodeiHeaderGroovyBinding")
public class SafeCodeiHeaderGroovyBinding extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Rule");
        if (param == null) {
            param = "";
        }
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
        Object value = null;
        Binding binding = new Binding();
        binding.setVariable("name", bar);
        value = new GroovyShell(binding).evaluate("name.toUpperCase()");
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
