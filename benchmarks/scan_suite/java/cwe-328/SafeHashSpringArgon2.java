// CWE-328 SAFE: account passwords are stored with Spring Security Argon2PasswordEncoder (memory-hard).
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

public class SafeHashSpringArgon2 {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    public String storedForm(String username, String password) {
        return encoder.encode(password);
    }
}
