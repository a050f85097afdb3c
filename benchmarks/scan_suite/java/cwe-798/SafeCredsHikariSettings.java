// CWE-798 SAFE: the HikariCP pool password comes from a settings object injected at start-up (externalised configuration).
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

public class SafeCredsHikariSettings {

    private final DbSettings settings;

    public SafeCredsHikariSettings(DbSettings settings) {
        this.settings = settings;
    }

    public HikariDataSource dataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }

    public record DbSettings(String url, String user, String password) {
    }
}
