// CWE-079 SAFE: request.getParameter("name") flows directly into response.getWriter().println of ESAPI.encoder().encodeForHTML(value); encodeForHTML turns < > & " ' into entities.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.owasp.esapi.ESAPI;

@WebServlet(value = "/xss/safeXssParamEsapi")
public class SafeXssParamEsapi extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("name");
        if (param == null) {
            param = "";
        }
        String bar = param;
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().println("<p>Hello " + ESAPI.encoder().encodeForHTML(bar) + "</p>");
    }
}
