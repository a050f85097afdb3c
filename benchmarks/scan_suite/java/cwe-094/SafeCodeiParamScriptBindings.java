// CWE-094 SAFE: request.getParameter("expr") flows directly into ScriptEngine.eval of a constant script with the value in Bindings; the script text is a constant; the value is passed as data through Bindings.
import java.io.IOException;

import javax.script.Bindings;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/codei/safeCodeiParamScriptBindings")
public class SafeCodeiParamScriptBindings extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("expr");
        if (param == null) {
            param = "";
        }
        String bar = param;
        Object value = null;
        try {
            ScriptEngine engine = new ScriptEngineManager().getEngineByName("JavaScript");
            Bindings bindings = engine.createBindings();
            bindings.put("input", bar);
            value = engine.eval("input.trim().length", bindings);
        } catch (ScriptException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
