// CWE-330 VULNERABLE: password-reset tokens are derived from Math.random(), which is not a cryptographic generator.
public class VulnRandResetTokenMathRandom {

    public String newResetToken() {
        long value = (long) (Math.random() * Long.MAX_VALUE);
        return Long.toString(value, 36);
    }
}
