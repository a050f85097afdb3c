// CWE-798 VULNERABLE: connection Properties get a literal "password" entry ("hunter2") before DriverManager.getConnection.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

public class VulnCredsPropertiesLiteral {

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "reporting");
        props.setProperty("password", "hunter2");
        return DriverManager.getConnection(props.getProperty("url", "jdbc:postgresql://reports:5432/bi"), props);
    }
}
