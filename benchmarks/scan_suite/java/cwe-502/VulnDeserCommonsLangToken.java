// CWE-502 VULNERABLE: org.apache.commons.lang3.SerializationUtils.deserialize on a Base64 token supplied by the caller; SerializationUtils uses a plain ObjectInputStream without any class filtering.
import java.io.Serializable;
import java.util.Base64;

import org.apache.commons.lang3.SerializationUtils;

public class VulnDeserCommonsLangToken {

    public Serializable decodeRememberMe(String rememberMeToken) {
        byte[] raw = Base64.getDecoder().decode(rememberMeToken);
        Serializable principal = SerializationUtils.deserialize(raw);
        return principal;
    }
}
