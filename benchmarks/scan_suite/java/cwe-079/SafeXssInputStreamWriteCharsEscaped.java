// CWE-079 SAFE: the raw request body from request.getInputStream() flows through a Stream pipeline into write(char[]) of the HTML-escaped value; HtmlUtils.htmlEscape runs before the characters are written.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.util.HtmlUtils;

@WebServlet(value = "/xss/safeXssInputStreamWriteCharsEscaped")
public class SafeXssInputStreamWriteCharsEscaped extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        byte[] raw = request.getInputStream().readAllBytes();
        String param = new String(raw, StandardCharsets.UTF_8).trim();
        String bar = Stream.of(param)
                .filter(s -> !s.isEmpty())
                .findFirst()
                .orElse("none");
        response.setContentType("text/html;charset=UTF-8");
        char[] chars = HtmlUtils.htmlEscape(bar).toCharArray();
        response.getWriter().write(chars, 0, chars.length);
    }
}
