// CWE-330 SAFE: look-alike: the field is declared as java.util.Random but the instance is new SecureRandom(), so tokens still come from the cryptographic generator.
import java.security.SecureRandom;
import java.util.Random;

public class SafeRandSecureRandomDeclaredAsRandom {

    private final Random rng = new SecureRandom();

    public String newShareId() {
        byte[] bytes = new byte[16];
        rng.nextBytes(bytes);
        StringBuilder id = new StringBuilder();
        for (byte b : bytes) {
            id.append(String.format("%02x", b));
        }
        return id.toString();
    }
}
