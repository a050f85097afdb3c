// CWE-079 SAFE: request.getPathInfo() (extra path after the servlet mapping) reaches response.getWriter().println only through a HashMap read with the key that maps to a constant, so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/safeXssPathInfoPrintln")
public class SafeXssPathInfoPrintln extends HttpServlet {

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
        Map<String, Object> holder = new HashMap<>();
        holder.put("keyA", "a-value");
        holder.put("keyB", param);
        String bar = (String) holder.get("keyA");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().println("<p>Hello " + bar + "</p>");
    }
}
