// CWE-798 SAFE: look-alike: the constants PASSWORD_PARAM = "password" and PASSWORD_PROPERTY = "spring.datasource.password" are field and property NAMES, not secrets; the password value comes from the request and is checked against an external hash.
import java.io.IOException;
import java.util.Properties;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

@WebServlet(value = "/cwe798/safeCredsPasswordFieldName")
public class SafeCredsPasswordFieldName extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String PASSWORD_PARAM = "password";
    private static final String PASSWORD_PROPERTY = "spring.datasource.password";
    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder();
    private final transient Properties settings = System.getProperties();

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String password = request.getParameter(PASSWORD_PARAM);
        String storedHash = settings.getProperty("admin.password.hash", "");
        boolean ok = password != null && !storedHash.isEmpty() && ENCODER.matches(password, storedHash);
        response.setStatus(ok ? HttpServletResponse.SC_NO_CONTENT : HttpServletResponse.SC_UNAUTHORIZED);
        if (settings.containsKey(PASSWORD_PROPERTY)) {
            log("datasource password is configured externally");
        }
    }
}
