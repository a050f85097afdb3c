// CWE-501 VULNERABLE: request.getParameter("userName") flows directly into HttpSession.setAttribute("userName", value); untrusted request data is stored in the HttpSession next to trusted server-side state (trust boundary violation).
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

@WebServlet(value = "/trust/vulnTrustParamSetAttribute")
public class VulnTrustParamSetAttribute extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("userName");
        if (param == null) {
            param = "";
        }
        String bar = param;
        HttpSession session = request.getSession();
        session.setAttribute("userName", bar);
        response.getWriter().println("Saved");
    }
}
