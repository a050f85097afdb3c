// CWE-079 SAFE: request.getHeader("Referer") flows through a chain of local variables into PrintWriter.print of StringEscapeUtils.escapeHtml4(value); escapeHtml4 encodes the HTML metacharacters before printing.
import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.text.StringEscapeUtils;

@WebServlet(value = "/xss/safeXssHeaderEscapeHtml4")
public class SafeXssHeaderEscapeHtml4 extends HttpServlet {

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
        out.print(StringEscapeUtils.escapeHtml4(bar));
        out.print("</div>");
    }
}
