// CWE-501 VULNERABLE: request.getHeader("X-Cart-Note") flows through a chain of local variables into the deprecated HttpSession.putValue; untrusted request data is stored in the HttpSession next to trusted server-side state (trust boundary violation).
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

@WebServlet(value = "/trust/vulnTrustHeaderPutValue")
public class VulnTrustHeaderPutValue extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Cart-Note");
        if (param == null) {
            param = "";
        }
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
        HttpSession session = request.getSession();
        session.putValue("cart.note", bar);
        response.getWriter().println("Saved");
    }
}
