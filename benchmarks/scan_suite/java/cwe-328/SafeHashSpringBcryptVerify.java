// CWE-328 SAFE: passwords are verified with Spring Security BCryptPasswordEncoder.matches (bcrypt, cost 12).
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

public class SafeHashSpringBcryptVerify {

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(12);

    public boolean verify(String password, String storedHash) {
        return encoder.matches(password, storedHash);
    }
}
