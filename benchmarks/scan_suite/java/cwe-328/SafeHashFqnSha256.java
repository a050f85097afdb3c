// CWE-328 SAFE: password-reset tokens (high-entropy random values) are stored as fully qualified java.security.MessageDigest "SHA-256" digests.
public class SafeHashFqnSha256 {

    public byte[] tokenDigest(String resetToken) throws java.security.NoSuchAlgorithmException {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        return md.digest(resetToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
