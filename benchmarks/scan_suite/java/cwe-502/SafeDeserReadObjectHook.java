// CWE-502 SAFE: a Serializable class implements its own private readObject hook that calls defaultReadObject and validates its fields; this is a deserialisation callback, not a readObject call on untrusted input.
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

public class SafeDeserReadObjectHook implements Serializable {

    private static final long serialVersionUID = 2L;

    private String currency;
    private long amountCents;

    public SafeDeserReadObjectHook(String currency, long amountCents) {
        this.currency = currency;
        this.amountCents = amountCents;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (currency == null || currency.length() != 3 || amountCents < 0) {
            throw new InvalidObjectException("invalid money value");
        }
    }
}
