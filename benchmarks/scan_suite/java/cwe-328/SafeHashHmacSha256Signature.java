// CWE-328 SAFE: webhook payloads are authenticated with HMAC-SHA256 (javax.crypto.Mac "HmacSHA256").
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class SafeHashHmacSha256Signature {

    private final byte[] sharedSecret;

    public SafeHashHmacSha256Signature(byte[] sharedSecret) {
        this.sharedSecret = sharedSecret.clone();
    }

    public boolean isAuthentic(String body, String signatureHex) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sharedSecret, "HmacSHA256"));
        byte[] expected = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signatureHex));
    }
}
