// CWE-330 SAFE: password-reset tokens are 32 bytes from SecureRandom, URL-safe Base64 encoded.
import java.security.SecureRandom;
import java.util.Base64;

public class SafeRandResetTokenSecure {

    private static final SecureRandom RANDOM = new SecureRandom();

    public String newResetToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
