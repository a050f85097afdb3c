// CWE-328 SAFE: login passwords are checked with Spring Security BCryptPasswordEncoder.
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

public class SafeHashSpringBcrypt {

    private final PasswordEncoder encoder = new BCryptPasswordEncoder();

    public boolean matches(String rawPassword, String storedBcrypt) {
        return encoder.matches(rawPassword, storedBcrypt);
    }
}
