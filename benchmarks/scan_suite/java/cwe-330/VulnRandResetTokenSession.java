// CWE-330 VULNERABLE: the e-mailed password reset token is Long.toHexString(new Random().nextLong()).
import java.io.IOException;
import java.util.Random;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe330/vulnRandResetTokenSession")
public class VulnRandResetTokenSession extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String email = request.getParameter("email");
        String token = Long.toHexString(new Random().nextLong());
        request.getSession().setAttribute("resetToken", token);
        mailer.sendResetLink(email, "/reset?token=" + token);
        response.getWriter().println("If the account exists, a link was sent.");
    }

    private final transient Mailer mailer = new Mailer();

    private static final class Mailer {
        void sendResetLink(String to, String link) {
            // delivery omitted
        }
    }
}
