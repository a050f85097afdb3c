// CWE-798 SAFE: the JWT HMAC signing key is Base64 decoded from the JWT_SIGNING_KEY environment variable.
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class SafeCredsJwtSecretEnv {

    public String sign(String headerAndPayload) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(System.getenv("JWT_SIGNING_KEY")), "HmacSHA256"));
        byte[] signature = mac.doFinal(headerAndPayload.getBytes(StandardCharsets.US_ASCII));
        return headerAndPayload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }
}
