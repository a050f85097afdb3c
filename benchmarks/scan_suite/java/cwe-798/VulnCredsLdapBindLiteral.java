// CWE-798 VULNERABLE: the LDAP service account binds with a literal Context.SECURITY_CREDENTIALS value.
import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

public class VulnCredsLdapBindLiteral {

    public DirContext bind() throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, "ldaps://ldap.example.com:636");
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, "cn=svc-portal,ou=services,dc=example,dc=com");
        env.put(Context.SECURITY_CREDENTIALS, "ldapB1nd!pw");
        return new InitialDirContext(env);
    }
}
