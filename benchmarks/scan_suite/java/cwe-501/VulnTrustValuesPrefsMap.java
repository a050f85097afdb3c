// CWE-501 VULNERABLE: the first value of request.getParameterValues("theme") flows through a StringBuilder append chain into a HashMap that is stored in the HttpSession; the tainted value is stored in the session inside a map object, mixing untrusted and trusted data.
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet(value = "/trust/vulnTrustValuesPrefsMap")
public class VulnTrustValuesPrefsMap extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("theme");
        String param = (values != null && values.length > 0) ? values[0] : "";
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        sb.append("-x");
        String bar = sb.toString();
        HttpSession session = request.getSession();
        Map<String, String> prefs = new HashMap<>();
        prefs.put("theme", bar);
        prefs.put("locale", "en");
        session.setAttribute("prefs", prefs);
        response.getWriter().println("Saved");
    }
}
