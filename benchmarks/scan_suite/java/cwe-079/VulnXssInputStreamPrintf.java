// CWE-079 VULNERABLE: the raw request body from request.getInputStream() flows through a Stream pipeline into response.getWriter().printf(Locale, format, args); the value is written into an HTML response without encoding, so <script> runs in the victim's browser.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/vulnXssInputStreamPrintf")
public class VulnXssInputStreamPrintf extends HttpServlet {

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
        response.getWriter().printf(Locale.US, "<h2>Welcome back, %s</h2>%n", bar);
    }
}
