// CWE-094 SAFE: the first value of request.getParameterValues("handler") flows through String.split and taking the first token into Class.forName of a class name taken from a constant allow-list map; only the constant class names in the map can be loaded.
import java.io.IOException;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/codei/safeCodeiValuesForNameAllowList")
public class SafeCodeiValuesForNameAllowList extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("handler");
        String param = (values != null && values.length > 0) ? values[0] : "";
        String[] tokens = param.split(",");
        String bar = tokens[0];
        Object value = null;
        try {
            String className = HANDLERS.get(bar);
            if (className == null) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
            value = Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private static final Map<String, String> HANDLERS = Map.of(
            "csv", "com.acme.export.CsvExporter",
            "pdf", "com.acme.export.PdfExporter");
}
