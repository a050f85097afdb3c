// CWE-094 SAFE: request.getParameterMap().get("engine")[0] flows through an inner class method (new Test().doSomething(..)) into ScriptEngineManager used only to list the installed engines; nothing is evaluated; names are only compared.
import java.io.IOException;
import java.util.Map;

import javax.script.ScriptEngineManager;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/codei/safeCodeiMapInnerEngineList")
public class SafeCodeiMapInnerEngineList extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Map<String, String[]> parameters = request.getParameterMap();
        String param = "";
        String[] entry = parameters.get("engine");
        if (entry != null && entry.length > 0) {
            param = entry[0];
        }
        String bar = new Test().doSomething(request, param);
        Object value = null;
        final String wanted = bar;
        ScriptEngineManager manager = new ScriptEngineManager();
        value = manager.getEngineFactories().stream().anyMatch(factory -> factory.getNames().contains(wanted));
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
