// CWE-798 SAFE: the default java.net.Authenticator returns proxy credentials read from system properties set at deployment.
import java.net.Authenticator;
import java.net.PasswordAuthentication;

public class SafeCredsAuthenticatorSysProps {

    public void installProxyCredentials() {
        Authenticator.setDefault(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(System.getProperty("proxy.user"), System.getProperty("proxy.password", "").toCharArray());
            }
        });
    }
}
