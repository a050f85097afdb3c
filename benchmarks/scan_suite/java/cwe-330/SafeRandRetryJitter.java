// CWE-330 SAFE: look-alike (not a security use): ThreadLocalRandom only adds jitter to a retry back-off delay; nothing secret or unguessable is produced.
import java.util.concurrent.ThreadLocalRandom;

public class SafeRandRetryJitter {

    private static final long BASE_DELAY_MS = 200;

    public long backoffDelay(int attempt) {
        long exponential = BASE_DELAY_MS * (1L << Math.min(attempt, 6));
        long jitter = ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        return exponential / 2 + jitter;
    }
}
