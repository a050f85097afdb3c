// CWE-502 SAFE: SerializationUtils.clone deep-copies a server-side object by serialising and immediately deserialising its own bytes; no external data enters the stream.
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.lang3.SerializationUtils;

public class SafeDeserCommonsLangClone {

    private final ArrayList<String> defaultRoles = new ArrayList<>(List.of("reader"));

    public ArrayList<String> rolesFor(String userName) {
        ArrayList<String> roles = SerializationUtils.clone(defaultRoles);
        if (userName.endsWith("@example.com")) {
            roles.add("staff");
        }
        return roles;
    }
}
