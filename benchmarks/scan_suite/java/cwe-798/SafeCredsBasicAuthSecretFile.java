// CWE-798 SAFE: the HTTP Basic credentials are read from a mounted secret file (/run/secrets/billing_api) at run time.
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

public class SafeCredsBasicAuthSecretFile {

    public HttpRequest invoiceRequest(String invoiceId) throws IOException {
        String credentials = Files.readString(Path.of("/run/secrets/billing_api")).trim();
        String header = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("https://billing.example.com/api/invoices/" + invoiceId))
                .header("Authorization", header)
                .GET()
                .build();
    }
}
