// CWE-502 SAFE: library code deserialises caller bytes only after installing a lambda ObjectInputFilter that rejects every class except SessionData and String.
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Set;

public class SafeDeserSessionStoreFiltered {

    private static final Set<Class<?>> ALLOWED = Set.of(SessionData.class, String.class);

    public SessionData restore(byte[] data) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(info -> {
                Class<?> type = info.serialClass();
                if (type == null) {
                    return info.depth() > 5 ? ObjectInputFilter.Status.REJECTED : ObjectInputFilter.Status.UNDECIDED;
                }
                return ALLOWED.contains(type) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
            });
            return (SessionData) in.readObject();
        }
    }

    public static final class SessionData implements Serializable {
        private static final long serialVersionUID = 1L;
        String userId;
    }
}
