// CWE-798 VULNERABLE: the reporting controller keeps the database password as a literal field initialiser instead of injecting it from configuration.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reporting")
public class VulnCredsSpringFieldLiteral {

    private final String url = "jdbc:postgresql://reporting-db:5432/bi";

    private final String user = "bi_reader";

    private final String password = "R3port!ng-2024";

    @GetMapping("/ping")
    public String ping() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            return connection.isValid(2) ? "up" : "down";
        }
    }
}
