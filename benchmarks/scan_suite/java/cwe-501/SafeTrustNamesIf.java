// CWE-501 SAFE: a parameter NAME (attacker controlled) found through request.getParameterNames() reaches HttpSession.setAttribute(value, "10340") (attacker-chosen attribute name) only through a constant if/else ((500 / 42) + 186 = 197 is not > 200, so the literal branch is always taken), so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

@WebServlet(value = "/trust/safeTrustNamesIf")
public class SafeTrustNamesIf extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> parameterNames = request.getParameterNames();
        while (parameterNames.hasMoreElements()) {
            String candidate = parameterNames.nextElement();
            if (candidate.startsWith("flag_")) {
                param = candidate.substring("flag_".length());
            }
        }
        int num = 186;
        String bar;
        if ((500 / 42) + num > 200) {
            bar = param;
        } else {
            bar = "fallback";
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(bar, "10340");
        response.getWriter().println("Saved");
    }
}
