// CWE-330 SAFE: new API keys are 32 bytes from SecureRandom.getInstanceStrong().
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/account")
public class SafeRandApiKeyStrong {

    @PostMapping("/keys")
    public String createKey() throws NoSuchAlgorithmException {
        byte[] key = new byte[32];
        SecureRandom.getInstanceStrong().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
