// CWE-090 VULNERABLE: a Spring @RequestHeader flows through a Stream pipeline into DirContext.search with a StringBuilder-built OR filter; the value is concatenated into the LDAP filter, so *, ( and ) change the query (e.g. "*)(uid=*").
import java.util.Hashtable;
import java.util.stream.Stream;

import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/ldap")
public class VulnLdapSpringHeaderDirContext {

    @GetMapping(value = "/sb")
    public String handle(@RequestHeader("X-Search") String input) {
        String bar = Stream.of(input)
                .filter(s -> !s.isEmpty())
                .findFirst()
                .orElse("none");
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        int found = 0;
        try {
            DirContext ctx = openDirContext();
            StringBuilder filter = new StringBuilder("(|(cn=");
            filter.append(bar).append(")(sn=").append(bar).append("))");
            NamingEnumeration<SearchResult> results = ctx.search("ou=people,dc=example,dc=com", filter.toString(), controls);
            while (results.hasMore()) {
                results.next();
                found++;
            }
            ctx.close();
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
        return "found=" + found;
    }

    private static DirContext openDirContext() throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, System.getenv("LDAP_URL"));
        return new InitialDirContext(env);
    }
}
