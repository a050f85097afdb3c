// CWE-614 SAFE: the container session cookie (JSESSIONID) is configured with SessionCookieConfig.setSecure(true) at start-up.
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

@WebListener
public class SafeCookieSessionConfigListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig config = event.getServletContext().getSessionCookieConfig();
        config.setHttpOnly(true);
        config.setSecure(true);
        config.setName("SID");
    }
}
