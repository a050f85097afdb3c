// CWE-079 SAFE: the request body read line by line from request.getReader() flows through a Base64 encode/decode round trip into response.getOutputStream().write of the escaped value; OWASP Java Encoder Encode.forHtml encodes the value first.
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

@WebServlet(value = "/xss/safeXssReaderOutputStreamEncoded")
public class SafeXssReaderOutputStreamEncoded extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        StringBuilder body = new StringBuilder();
        try (BufferedReader reader = request.getReader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                body.append(line);
            }
        }
        String param = body.toString();
        byte[] encoded = Base64.getEncoder().encode(param.getBytes(StandardCharsets.UTF_8));
        String bar = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=UTF-8");
        String safeText = Encode.forHtml(bar);
        response.getOutputStream().write(("<b>" + safeText + "</b>").getBytes(StandardCharsets.UTF_8));
    }
}
