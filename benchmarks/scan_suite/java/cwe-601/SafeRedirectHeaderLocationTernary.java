// CWE-601 SAFE: request.getHeader("X-Return-To") reaches a manual 302 with response.setHeader("Location", value) only through a constant-folded ternary ((7 * 42) - 86 = 208 > 200 is true, so the literal is always chosen), so the sink never receives a dangerous value.
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/safeRedirectHeaderLocationTernary")
public class SafeRedirectHeaderLocationTernary extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Return-To");
        if (param == null) {
            param = "";
        }
        int num = 86;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : param;
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", bar);
    }
}
