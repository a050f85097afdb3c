// CWE-798 SAFE: DriverManager.getConnection takes the URL, user and password from environment variables.
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public class SafeCredsJdbcEnv {

    public Connection open() throws SQLException {
        return DriverManager.getConnection(System.getenv("ORDERS_DB_URL"), System.getenv("ORDERS_DB_USER"),
                System.getenv("ORDERS_DB_PASSWORD"));
    }
}
