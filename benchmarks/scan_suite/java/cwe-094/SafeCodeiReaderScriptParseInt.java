// CWE-094 SAFE: the request body read line by line from request.getReader() reaches ScriptEngine.eval of a script built by concatenation only through Integer.parseInt, which restricts the value to digits, so the sink never receives a dangerous value.
import java.io.BufferedReader;
import java.io.IOException;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/codei/safeCodeiReaderScriptParseInt")
public class SafeCodeiReaderScriptParseInt extends HttpServlet {

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
        int number = Integer.parseInt(param.trim());
        String bar = Integer.toString(number);
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
