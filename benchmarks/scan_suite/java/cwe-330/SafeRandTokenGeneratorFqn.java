// CWE-330 SAFE: the token generator uses a fully qualified java.security.SecureRandom.
public class SafeRandTokenGeneratorFqn {

    private final java.security.SecureRandom random = new java.security.SecureRandom();

    public String nextBearerToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().encodeToString(bytes);
    }
}
