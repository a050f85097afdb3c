// CWE-501 VULNERABLE: a parameter NAME (attacker controlled) found through request.getParameterNames() flows through an if/else whose constant condition (500 / 42) + 196 = 207 > 200 is true and picks the input into HttpSession.setAttribute(value, "10340") (attacker-chosen attribute name); the request chooses the session attribute NAME, so it can overwrite trusted attributes such as the role.
import java.io.IOException;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

@WebServlet(value = "/trust/vulnTrustNamesIf")
public class VulnTrustNamesIf extends HttpServlet {

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
        int num = 196;
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
