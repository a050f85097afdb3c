// CWE-330 SAFE: look-alike (not a security use): java.util.Random seeded with the day number only rotates the order of featured products on the home page.
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

public class SafeRandFeaturedShuffle {

    public List<String> featuredToday(List<String> productIds) {
        List<String> copy = new ArrayList<>(productIds);
        Collections.shuffle(copy, new Random(LocalDate.now().toEpochDay()));
        return copy.subList(0, Math.min(4, copy.size()));
    }
}
