// CWE-501 SAFE: the first value of request.getParameterValues("theme") reaches a HashMap that is stored in the HttpSession only through a lookup in a constant map (the input only selects one of its constant values), so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet(value = "/trust/safeTrustValuesPrefsLookup")
public class SafeTrustValuesPrefsLookup extends HttpServlet {

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
        String bar = KNOWN.getOrDefault(param, "theme-light");
        HttpSession session = request.getSession();
        Map<String, String> prefs = new HashMap<>();
        prefs.put("theme", bar);
        prefs.put("locale", "en");
        session.setAttribute("prefs", prefs);
        response.getWriter().println("Saved");
    }

    private static final Map<String, String> KNOWN = Map.of("dark", "theme-dark", "light", "theme-light");
}
