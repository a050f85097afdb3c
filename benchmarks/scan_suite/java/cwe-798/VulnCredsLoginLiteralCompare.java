// CWE-798 VULNERABLE: the login servlet accepts a built-in administrator account by comparing the form fields with the literals "admin" / "letmein123" (backdoor credentials).
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

@WebServlet(value = "/cwe798/vulnCredsLoginLiteralCompare")
public class VulnCredsLoginLiteralCompare extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String user = request.getParameter("username");
        String pass = request.getParameter("password");
        if ("admin".equals(user) && "letmein123".equals(pass)) {
            HttpSession session = request.getSession(true);
            session.setAttribute("role", "ADMIN");
            response.sendRedirect("/admin");
            return;
        }
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Invalid password");
    }
}
