// CWE-094 VULNERABLE: request.getParameter("expr") flows directly into ScriptEngine.eval; the request text is evaluated as code by the engine (e.g. java.lang.Runtime.getRuntime().exec(..)).
import java.io.IOException;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/codei/vulnCodeiParamScriptEval")
public class VulnCodeiParamScriptEval extends HttpServlet {

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
            value = engine.eval(bar);
        } catch (ScriptException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
