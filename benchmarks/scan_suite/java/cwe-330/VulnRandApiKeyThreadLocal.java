// CWE-330 VULNERABLE: new API keys are built from ThreadLocalRandom.current().nextLong(), a fast non-cryptographic PRNG.
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/account")
public class VulnRandApiKeyThreadLocal {

    @PostMapping("/keys")
    public String createKey() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }
}
