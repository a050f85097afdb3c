// CWE-090 SAFE: the argument of a public library method reaches DirContext.search with a filter built by String.format only through Integer.parseInt, which restricts the value to digits, so the sink never receives a dangerous value.
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

public class SafeLdapDirectoryParseInt {

    private final DirContext directory;

    public SafeLdapDirectoryParseInt(DirContext directory) {
        this.directory = directory;
    }

    public int process(String employeeNumber) {
        int number = Integer.parseInt(employeeNumber.trim());
        String bar = Integer.toString(number);
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
