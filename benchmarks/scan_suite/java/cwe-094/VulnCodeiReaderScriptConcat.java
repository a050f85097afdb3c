// CWE-094 VULNERABLE: the request body read line by line from request.getReader() flows through a HashMap put/get under the key that holds the tainted value into ScriptEngine.eval of a script built by concatenation; the request text is evaluated as code by the engine (e.g. java.lang.Runtime.getRuntime().exec(..)).
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/codei/vulnCodeiReaderScriptConcat")
public class VulnCodeiReaderScriptConcat extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        StringBuilder body = new StringBuilder();
        try (BufferedReader reader = request.getReader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                body.append(line);
            }
        }
        String param = body.toString();
        Map<String, Object> holder = new HashMap<>();
        holder.put("keyA", "a-value");
        holder.put("keyB", param);
        String bar = (String) holder.get("keyB");
        Object value = null;
        try {
            ScriptEngine engine = new ScriptEngineManager().getEngineByName("nashorn");
            value = engine.eval("var total = " + bar + "; total;");
        } catch (ScriptException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
