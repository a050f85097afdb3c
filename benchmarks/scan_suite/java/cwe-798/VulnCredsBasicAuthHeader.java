// CWE-798 VULNERABLE: an HTTP Basic Authorization header is built from the literal "svc-billing:B1ll1ngS3cret".
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

public class VulnCredsBasicAuthHeader {

    public HttpRequest invoiceRequest(String invoiceId) {
        String credentials = "svc-billing:B1ll1ngS3cret";
        String header = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("https://billing.example.com/api/invoices/" + invoiceId))
                .header("Authorization", header)
                .GET()
                .build();
    }
}
