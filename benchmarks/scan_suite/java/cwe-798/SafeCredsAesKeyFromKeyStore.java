// CWE-798 SAFE: the AES key is read from a PKCS12 key store whose path and password come from environment variables.
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.crypto.SecretKey;

public class SafeCredsAesKeyFromKeyStore {

    public SecretKey dataKey() throws IOException, GeneralSecurityException {
        char[] password = System.getenv("DATA_KEYSTORE_PASSWORD").toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(System.getenv("DATA_KEYSTORE_PATH")))) {
            store.load(in, password);
        }
        return (SecretKey) store.getKey("data-key", password);
    }
}
