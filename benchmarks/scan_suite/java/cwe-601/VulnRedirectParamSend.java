// CWE-601 VULNERABLE: request.getParameter("next") flows directly into response.sendRedirect; the browser is sent to an attacker-chosen absolute URL (open redirect).
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/vulnRedirectParamSend")
public class VulnRedirectParamSend extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("next");
        if (param == null) {
            param = "";
        }
        String bar = param;
        response.sendRedirect(bar);
    }
}
