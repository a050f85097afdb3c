// CWE-090 SAFE: the "name" field parsed by hand out of request.getQueryString() reaches DirContext.search with a StringBuilder-built OR filter only through a switch on a constant char ("ABC".charAt(2) == 'C', whose branch assigns a literal), so the sink never receives a dangerous value.
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;

import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/ldap/safeLdapQueryStringSwitch")
public class SafeLdapQueryStringSwitch extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String queryString = request.getQueryString();
        String marker = "name=";
        String param = "";
        if (queryString != null) {
            int start = queryString.indexOf(marker);
            if (start >= 0) {
                int end = queryString.indexOf('&', start);
                param = queryString.substring(start + marker.length(), end < 0 ? queryString.length() : end);
                param = URLDecoder.decode(param, StandardCharsets.UTF_8);
            }
        }
        String selector = "ABC";
        char target = selector.charAt(2);
        String bar;
        switch (target) {
            case 'A':
                bar = "alpha";
                break;
            case 'B':
                bar = param;
                break;
            case 'C':
            case 'D':
                bar = "gamma";
                break;
            default:
                bar = "omega";
                break;
        }
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
            throw new ServletException(e);
        }
        response.getWriter().println("Entries found: " + found);
    }

    private static DirContext openDirContext() throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, System.getenv("LDAP_URL"));
        return new InitialDirContext(env);
    }
}
