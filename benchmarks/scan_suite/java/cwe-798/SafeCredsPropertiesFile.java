// CWE-798 SAFE: connection Properties (user, password, url) are loaded from an external /etc/app/db.properties file at run time.
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

public class SafeCredsPropertiesFile {

    public Connection connect() throws SQLException, IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("/etc/app/db.properties"))) {
            props.load(in);
        }
        return DriverManager.getConnection(props.getProperty("url", "jdbc:postgresql://reports:5432/bi"), props);
    }
}
