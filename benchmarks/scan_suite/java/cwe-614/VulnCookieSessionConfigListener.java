// CWE-614 VULNERABLE: the container session cookie (JSESSIONID) is configured with SessionCookieConfig.setSecure(false) at start-up.
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

@WebListener
public class VulnCookieSessionConfigListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig config = event.getServletContext().getSessionCookieConfig();
        config.setHttpOnly(true);
        config.setSecure(false);
        config.setName("SID");
    }
}
