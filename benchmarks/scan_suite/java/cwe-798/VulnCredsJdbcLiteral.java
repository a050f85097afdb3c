// CWE-798 VULNERABLE: DriverManager.getConnection is called with a literal user name and password.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public class VulnCredsJdbcLiteral {

    public Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://db.internal:5432/orders", "app_admin", "Pa55w0rd!2023");
    }
}
