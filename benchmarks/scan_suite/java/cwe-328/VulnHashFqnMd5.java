// CWE-328 VULNERABLE: password-reset tokens are stored as fully qualified java.security.MessageDigest "MD5" digests.
public class VulnHashFqnMd5 {

    public byte[] tokenDigest(String resetToken) throws java.security.NoSuchAlgorithmException {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("MD5");
        return md.digest(resetToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
