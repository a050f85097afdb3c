// CWE-079 SAFE: request.getHeader("X-Preview") flows directly into a logger, while the page itself is constant; the HTML written to the response is a constant.
import java.io.IOException;
import java.util.logging.Logger;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/safeXssHeaderLogOnly")
public class SafeXssHeaderLogOnly extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Preview");
        if (param == null) {
            param = "";
        }
        String bar = param;
        response.setContentType("text/html;charset=UTF-8");
        LOG.info("preview requested, length " + bar.length());
        response.getWriter().println("<p>Your preview request was received.</p>");
    }

    private static final Logger LOG = Logger.getLogger("preview");
}
