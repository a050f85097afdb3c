// CWE-328 SAFE: API keys (random, high entropy) are indexed by commons-codec DigestUtils.sha256Hex.
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.codec.digest.DigestUtils;

public class SafeHashCommonsCodecSha256 {

    private final Map<String, String> ownersByKeyHash = new ConcurrentHashMap<>();

    public void register(String apiKey, String owner) {
        ownersByKeyHash.put(DigestUtils.sha256Hex(apiKey), owner);
    }

    public String ownerOf(String apiKey) {
        return ownersByKeyHash.get(DigestUtils.sha256Hex(apiKey));
    }
}
