// CWE-501 SAFE: request.getParameter("userName") flows directly into HttpSession.getAttribute compared with the value; the session is only read; the request value is compared and never stored.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

@WebServlet(value = "/trust/safeTrustParamCompare")
public class SafeTrustParamCompare extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("userName");
        if (param == null) {
            param = "";
        }
        String bar = param;
        HttpSession session = request.getSession();
        Object current = session.getAttribute("userName");
        boolean sameUser = bar.equals(current);
        response.getWriter().println("Saved");
    }
}
