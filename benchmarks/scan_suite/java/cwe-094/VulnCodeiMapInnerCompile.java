// CWE-094 VULNERABLE: request.getParameterMap().get("script")[0] flows through an inner class method (new Test().doSomething(..)) into Compilable.compile(..).eval(); the request text is evaluated as code by the engine (e.g. java.lang.Runtime.getRuntime().exec(..)).
import java.io.IOException;
import java.util.Map;

import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/codei/vulnCodeiMapInnerCompile")
public class VulnCodeiMapInnerCompile extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Map<String, String[]> parameters = request.getParameterMap();
        String param = "";
        String[] entry = parameters.get("script");
        if (entry != null && entry.length > 0) {
            param = entry[0];
        }
        String bar = new Test().doSomething(request, param);
        Object value = null;
        try {
            Compilable compiler = (Compilable) new ScriptEngineManager().getEngineByExtension("js");
            CompiledScript script = compiler.compile(bar);
            value = script.eval();
        } catch (ScriptException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private class Test {

        public String doSomething(HttpServletRequest request, String param) {
            String result = "fallback";
            if (param != null && !param.isEmpty()) {
                result = param;
            }
            return result;
        }
    }
}
