// CWE-079 VULNERABLE: request.getHeader("Referer") flows through a chain of local variables into PrintWriter.print on response.getWriter(); the value is written into an HTML response without encoding, so <script> runs in the victim's browser.
import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/vulnXssHeaderPrintWriter")
public class VulnXssHeaderPrintWriter extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("Referer");
        if (param == null) {
            param = "";
        }
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.print("<div class=\"result\">");
        out.print(bar);
        out.print("</div>");
    }
}
