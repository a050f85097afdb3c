// CWE-501 VULNERABLE: request.getPathInfo() (extra path after the servlet mapping) flows through a loop copying it character by character into HttpSession.setAttribute("userName", value); untrusted request data is stored in the HttpSession next to trusted server-side state (trust boundary violation).
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet(value = "/trust/vulnTrustPathInfoLoop")
public class VulnTrustPathInfoLoop extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getPathInfo();
        param = (param == null || param.length() < 2) ? "" : param.substring(1);
        StringBuilder acc = new StringBuilder();
        for (int i = 0; i < param.length(); i++) {
            acc.append(param.charAt(i));
        }
        String bar = acc.toString();
        HttpSession session = request.getSession();
        session.setAttribute("userName", bar);
        response.getWriter().println("Saved");
    }
}
