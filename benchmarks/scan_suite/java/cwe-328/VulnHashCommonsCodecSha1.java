// CWE-328 VULNERABLE: API keys are indexed by commons-codec DigestUtils.sha1Hex (SHA-1) digests.
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.codec.digest.DigestUtils;

public class VulnHashCommonsCodecSha1 {

    private final Map<String, String> ownersByKeyHash = new ConcurrentHashMap<>();

    public void register(String apiKey, String owner) {
        ownersByKeyHash.put(DigestUtils.sha1Hex(apiKey), owner);
    }

    public String ownerOf(String apiKey) {
        return ownersByKeyHash.get(DigestUtils.sha1Hex(apiKey));
    }
}
