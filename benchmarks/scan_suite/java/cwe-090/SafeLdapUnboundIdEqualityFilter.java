// CWE-090 SAFE: the argument of a public library method flows by string concatenation into UnboundID LDAPConnection.search with Filter.createEqualityFilter; createEqualityFilter builds the filter object with the value as an escaped assertion value.
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;

public class SafeLdapUnboundIdEqualityFilter {

    private final LDAPConnection connection;

    public SafeLdapUnboundIdEqualityFilter(LDAPConnection connection) {
        this.connection = connection;
    }

    public int process(String uid) {
        String bar = uid + "*";
        int found = 0;
        try {
            Filter filter = Filter.createEqualityFilter("uid", bar);
            SearchResult result = connection.search("dc=example,dc=com", SearchScope.SUB, filter, "cn", "mail");
            found = result.getEntryCount();
        } catch (LDAPSearchException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
