// CWE-601 VULNERABLE: the first value of request.getParameterValues("url") flows through String.split and taking the first token into sendRedirect guarded by startsWith("https://shop.example.com"); a prefix check does not pin the host: https://shop.example.com.evil.net or https://shop.example.com@evil.net pass.
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/vulnRedirectValuesStartsWith")
public class VulnRedirectValuesStartsWith extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("url");
        String param = (values != null && values.length > 0) ? values[0] : "";
        String[] tokens = param.split(",");
        String bar = tokens[0];
        if (!bar.startsWith("https://shop.example.com")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        response.sendRedirect(bar);
    }
}
