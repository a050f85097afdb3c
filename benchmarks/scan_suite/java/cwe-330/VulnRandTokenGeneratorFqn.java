// CWE-330 VULNERABLE: a token generator uses a fully qualified java.util.Random for bearer tokens.
public class VulnRandTokenGeneratorFqn {

    private final java.util.Random random = new java.util.Random();

    public String nextBearerToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().encodeToString(bytes);
    }
}
