// CWE-090 VULNERABLE: the argument of a public library method flows through a Base64 encode/decode round trip into DirContext.search with a filter built by String.format; the value is concatenated into the LDAP filter, so *, ( and ) change the query (e.g. "*)(uid=*").
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

public class VulnLdapDirectoryFormat {

    private final DirContext directory;

    public VulnLdapDirectoryFormat(DirContext directory) {
        this.directory = directory;
    }

    public int process(String mail) {
        byte[] encoded = Base64.getEncoder().encode(mail.getBytes(StandardCharsets.UTF_8));
        String bar = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        int found = 0;
        try {
            DirContext ctx = directory;
            String filter = String.format("(&(objectClass=inetOrgPerson)(mail=%s))", bar);
            NamingEnumeration<SearchResult> results = ctx.search("ou=people,dc=example,dc=com", filter, controls);
            while (results.hasMore()) {
                results.next();
                found++;
            }
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
