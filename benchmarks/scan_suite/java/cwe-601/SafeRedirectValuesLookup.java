// CWE-601 SAFE: the first value of request.getParameterValues("url") reaches sendRedirect guarded by startsWith("https://shop.example.com") only through a lookup in a constant map (the input only selects one of its constant values), so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/safeRedirectValuesLookup")
public class SafeRedirectValuesLookup extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("url");
        String param = (values != null && values.length > 0) ? values[0] : "";
        String bar = KNOWN.getOrDefault(param, "https://shop.example.com/");
        if (!bar.startsWith("https://shop.example.com")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        response.sendRedirect(bar);
    }

    private static final Map<String, String> KNOWN = Map.of("shop", "https://shop.example.com/", "cart", "https://shop.example.com/cart");
}
