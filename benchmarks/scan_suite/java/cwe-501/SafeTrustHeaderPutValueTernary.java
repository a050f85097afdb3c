// CWE-501 SAFE: request.getHeader("X-Cart-Note") reaches the deprecated HttpSession.putValue only through a constant-folded ternary ((7 * 42) - 86 = 208 > 200 is true, so the literal is always chosen), so the sink never receives a dangerous value.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

@WebServlet(value = "/trust/safeTrustHeaderPutValueTernary")
public class SafeTrustHeaderPutValueTernary extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Cart-Note");
        if (param == null) {
            param = "";
        }
        int num = 86;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : param;
        HttpSession session = request.getSession();
        session.putValue("cart.note", bar);
        response.getWriter().println("Saved");
    }
}
