// CWE-798 SAFE: the reporting DataSource password is injected with @Value("${reporting.db.password}") (no literal default), i.e. taken from external configuration.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reporting")
public class SafeCredsSpringValueInjected {

    @Value("${reporting.db.url}")
    private String url;

    @Value("${reporting.db.user}")
    private String user;

    @Value("${reporting.db.password}")
    private String password;

    @GetMapping("/ping")
    public String ping() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            return connection.isValid(2) ? "up" : "down";
        }
    }
}
