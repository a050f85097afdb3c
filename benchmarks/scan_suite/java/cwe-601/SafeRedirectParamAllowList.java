// CWE-601 SAFE: request.getParameter("next") reaches response.sendRedirect only through an allow-list check that returns early unless the value is one of a few constants, so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Set;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/safeRedirectParamAllowList")
public class SafeRedirectParamAllowList extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("next");
        if (param == null) {
            param = "";
        }
        if (!ALLOWED_VALUES.contains(param)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        String bar = param;
        response.sendRedirect(bar);
    }

    private static final Set<String> ALLOWED_VALUES = Set.of("/home", "/account", "https://partner.example.com/welcome");
}
