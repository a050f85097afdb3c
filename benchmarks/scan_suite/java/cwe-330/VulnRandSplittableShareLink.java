// CWE-330 VULNERABLE: unguessable share-link ids are taken from java.util.SplittableRandom, a non-cryptographic generator.
import java.util.SplittableRandom;

public class VulnRandSplittableShareLink {

    private final SplittableRandom random = new SplittableRandom();

    public String newShareId() {
        return Long.toUnsignedString(random.nextLong(), 36) + Long.toUnsignedString(random.nextLong(), 36);
    }
}
