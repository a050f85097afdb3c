// CWE-094 VULNERABLE: request.getHeader("X-Rule") flows through a chain of local variables into GroovyShell.evaluate; the request text is evaluated as code by the engine (e.g. java.lang.Runtime.getRuntime().exec(..)).
import java.io.IOException;

import groovy.lang.GroovyShell;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/codei/vulnCodeiHeaderGroovy")
public class VulnCodeiHeaderGroovy extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Rule");
        if (param == null) {
            param = "";
        }
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
        Object value = null;
        GroovyShell shell = new GroovyShell();
        value = shell.evaluate(bar);
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
