// CWE-079 VULNERABLE: the first value of request.getParameterValues("message") flows through String.split and taking the first token into response.getWriter().format(value, ...) used as the format string; the value is written into an HTML response without encoding, so <script> runs in the victim's browser.
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/vulnXssValuesFormatString")
public class VulnXssValuesFormatString extends HttpServlet {

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
        response.getWriter().format(bar, "unused");
    }
}
