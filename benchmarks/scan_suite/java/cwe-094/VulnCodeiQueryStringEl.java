// CWE-094 VULNERABLE: the "el" field parsed by hand out of request.getQueryString() flows through a switch on a constant char that selects the tainted branch ("ABC".charAt(1) == 'B') into jakarta.el.ELProcessor.eval; expression language injection: ELProcessor evaluates the text, including method calls.
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import jakarta.el.ELProcessor;

@WebServlet(value = "/codei/vulnCodeiQueryStringEl")
public class VulnCodeiQueryStringEl extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String queryString = request.getQueryString();
        String marker = "el=";
        String param = "";
        if (queryString != null) {
            int start = queryString.indexOf(marker);
            if (start >= 0) {
                int end = queryString.indexOf('&', start);
                param = queryString.substring(start + marker.length(), end < 0 ? queryString.length() : end);
                param = URLDecoder.decode(param, StandardCharsets.UTF_8);
            }
        }
        String selector = "ABC";
        char target = selector.charAt(1);
        String bar;
        switch (target) {
            case 'A':
                bar = "alpha";
                break;
            case 'B':
                bar = param;
                break;
            case 'C':
            case 'D':
                bar = "gamma";
                break;
            default:
                bar = "omega";
                break;
        }
        Object value = null;
        ELProcessor processor = new ELProcessor();
        value = processor.eval(bar);
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
