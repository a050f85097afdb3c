// CWE-798 VULNERABLE: the server private-key store is opened with the literal password "Kst0re#2024".
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

public class VulnCredsKeyStorePassword {

    public KeyStore serverKeys() throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of("/etc/app/server-keystore.p12"))) {
            keyStore.load(in, "Kst0re#2024".toCharArray());
        }
        return keyStore;
    }
}
