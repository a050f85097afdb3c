// CWE-079 VULNERABLE: request.getParameter("name") flows directly into response.getWriter().println; the value is written into an HTML response without encoding, so <script> runs in the victim's browser.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/vulnXssParamPrintln")
public class VulnXssParamPrintln extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("name");
        if (param == null) {
            param = "";
        }
        String bar = param;
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().println("<p>Hello " + bar + "</p>");
    }
}
