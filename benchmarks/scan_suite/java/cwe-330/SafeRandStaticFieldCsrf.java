// CWE-330 SAFE: CSRF tokens come from a shared static java.security.SecureRandom field via a helper method.
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet(value = "/cwe330/safeRandStaticFieldCsrf")
public class SafeRandStaticFieldCsrf extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        HttpSession session = request.getSession();
        String csrfToken = generateCsrfToken();
        session.setAttribute("csrfToken", csrfToken);
        response.setHeader("X-CSRF-TOKEN", csrfToken);
    }

    private static final SecureRandom TOKENS = new SecureRandom();

    private static String generateCsrfToken() {
        byte[] bytes = new byte[16];
        TOKENS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
