// CWE-330 VULNERABLE: CSRF tokens come from a shared static java.util.Random field via a helper method.
import java.io.IOException;
import java.util.Random;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

@WebServlet(value = "/cwe330/vulnRandStaticFieldCsrf")
public class VulnRandStaticFieldCsrf extends HttpServlet {

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

    private static final Random TOKENS = new Random();

    private static String generateCsrfToken() {
        return Integer.toHexString(TOKENS.nextInt()) + Integer.toHexString(TOKENS.nextInt());
    }
}
