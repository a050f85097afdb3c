// CWE-798 SAFE: the login servlet loads the user's stored bcrypt hash from the user store and checks the submitted password with BCryptPasswordEncoder.matches; no credential is embedded in the code.
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@WebServlet(value = "/cwe798/safeCredsLoginHashedCompare")
public class SafeCredsLoginHashedCompare extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();
    private final transient Map<String, String> userStore = new ConcurrentHashMap<>();

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String user = request.getParameter("username");
        String pass = request.getParameter("password");
        String storedHash = user == null ? null : userStore.get(user);
        if (storedHash != null && pass != null && encoder.matches(pass, storedHash)) {
            HttpSession session = request.getSession(true);
            session.setAttribute("role", "USER");
            response.sendRedirect("/home");
            return;
        }
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Invalid password");
    }
}
