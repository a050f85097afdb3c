// CWE-798 VULNERABLE: JWTs are signed with HMAC-SHA256 using a literal signing secret, so anyone with the code can forge tokens.
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class VulnCredsJwtSecret {

    public String sign(String headerAndPayload) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("my-super-secret-jwt-signing-key-2024".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signature = mac.doFinal(headerAndPayload.getBytes(StandardCharsets.US_ASCII));
        return headerAndPayload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
