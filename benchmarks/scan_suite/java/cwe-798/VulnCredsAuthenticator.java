// CWE-798 VULNERABLE: the default java.net.Authenticator returns a literal proxy user and password.
import java.net.Authenticator;
import java.net.PasswordAuthentication;

public class VulnCredsAuthenticator {

    public void installProxyCredentials() {
        Authenticator.setDefault(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication("proxyuser", "Pr0xy!Pass".toCharArray());
            }
        });
    }
}
