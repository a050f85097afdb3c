// CWE-798 VULNERABLE: a HikariCP pool is configured with setPassword("W4reh0use#1").
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

public class VulnCredsHikariPassword {

    public HikariDataSource dataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://warehouse:5432/stock");
        config.setUsername("stock_rw");
        config.setPassword("W4reh0use#1");
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }
}
