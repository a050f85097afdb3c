// CWE-079 SAFE: the first value of request.getParameterValues("message") flows through String.split and taking the first token into println of value.length(); only the integer length of the value is written.
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/safeXssValuesLength")
public class SafeXssValuesLength extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("message");
        String param = (values != null && values.length > 0) ? values[0] : "";
        String[] tokens = param.split(",");
        String bar = tokens[0];
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().println("<p>Characters received: " + bar.length() + "</p>");
    }
}
