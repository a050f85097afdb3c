// CWE-798 SAFE: the LDAP service account password (Context.SECURITY_CREDENTIALS) comes from the LDAP_BIND_PASSWORD environment variable.
import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

public class SafeCredsLdapBindEnv {

    public DirContext bind() throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, "ldaps://ldap.example.com:636");
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, "cn=svc-portal,ou=services,dc=example,dc=com");
        env.put(Context.SECURITY_CREDENTIALS, System.getenv("LDAP_BIND_PASSWORD"));
        return new InitialDirContext(env);
    }
}
