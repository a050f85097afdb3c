// CWE-079 SAFE: request.getParameter("code") flows by string concatenation into an HTML attribute value encoded with Encode.forHtmlAttribute; the attribute encoder escapes quotes and angle brackets.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.owasp.encoder.Encode;

@WebServlet(value = "/xss/safeXssParamPrefixAttrEncoded")
public class SafeXssParamPrefixAttrEncoded extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("code");
        if (param == null) {
            param = "";
        }
        String bar = "promo-" + param;
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().println("<input type=\"text\" name=\"q\" value=\"" + Encode.forHtmlAttribute(bar) + "\">");
    }
}
