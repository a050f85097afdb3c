// CWE-090 VULNERABLE: the argument of a public library method flows by string concatenation into UnboundID LDAPConnection.search with a concatenated filter string; the value is concatenated into the LDAP filter, so *, ( and ) change the query (e.g. "*)(uid=*").
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;

public class VulnLdapUnboundIdPrefixSearch {

    private final LDAPConnection connection;

    public VulnLdapUnboundIdPrefixSearch(LDAPConnection connection) {
        this.connection = connection;
    }

    public int process(String uid) {
        String bar = uid + "*";
        int found = 0;
        try {
            SearchResult result = connection.search("dc=example,dc=com", SearchScope.SUB, "(uid=" + bar + ")", "cn", "mail");
            found = result.getEntryCount();
        } catch (LDAPSearchException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
