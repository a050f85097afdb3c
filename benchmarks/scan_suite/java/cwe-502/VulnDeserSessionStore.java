// CWE-502 VULNERABLE: library code restores a session from caller-supplied bytes with ObjectInputStream.readObject and no ObjectInputFilter, so whoever controls the bytes controls the instantiated classes.
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

public class VulnDeserSessionStore {

    public Serializable restore(byte[] data) throws IOException, ClassNotFoundException {
        ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data));
        try {
            return (Serializable) in.readObject();
        } finally {
            in.close();
        }
    }
}
