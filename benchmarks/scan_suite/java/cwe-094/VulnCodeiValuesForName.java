// CWE-094 VULNERABLE: the first value of request.getParameterValues("handler") flows through String.split and taking the first token into Class.forName(..).getDeclaredConstructor().newInstance(); the request picks any class on the classpath to load and instantiate (unsafe reflection, static initialisers run).
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/codei/vulnCodeiValuesForName")
public class VulnCodeiValuesForName extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("handler");
        String param = (values != null && values.length > 0) ? values[0] : "";
        String[] tokens = param.split(",");
        String bar = tokens[0];
        Object value = null;
        try {
            Class<?> type = Class.forName(bar);
            value = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
