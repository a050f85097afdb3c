// CWE-798 SAFE: the server private-key store password comes from the KEYSTORE_PASSWORD environment variable.
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

public class SafeCredsKeyStoreEnv {

    public KeyStore serverKeys() throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of("/etc/app/server-keystore.p12"))) {
            keyStore.load(in, System.getenv("KEYSTORE_PASSWORD").toCharArray());
        }
        return keyStore;
    }
}
