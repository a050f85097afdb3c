// CWE-501 SAFE: request.getPathInfo() (extra path after the servlet mapping) reaches HttpSession.setAttribute("userName", value) only through a test on the input that only selects between two literals, so the sink never receives a dangerous value.
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet(value = "/trust/safeTrustPathInfoDerived")
public class SafeTrustPathInfoDerived extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getPathInfo();
        param = (param == null || param.length() < 2) ? "" : param.substring(1);
        String bar = param.isEmpty() ? "no-user" : "user-given";
        HttpSession session = request.getSession();
        session.setAttribute("userName", bar);
        response.getWriter().println("Saved");
    }
}
