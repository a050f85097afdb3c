// CWE-090 VULNERABLE: request.getParameter("uid") flows directly into DirContext.search with a concatenated filter; the value is concatenated into the LDAP filter, so *, ( and ) change the query (e.g. "*)(uid=*").
import java.io.IOException;
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

@WebServlet(value = "/ldap/vulnLdapParamFilter")
public class VulnLdapParamFilter extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("uid");
        if (param == null) {
            param = "";
        }
        String bar = param;
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        int found = 0;
        try {
            DirContext ctx = openDirContext();
            String filter = "(&(objectClass=person)(uid=" + bar + "))";
            NamingEnumeration<SearchResult> results = ctx.search("ou=people,dc=example,dc=com", filter, controls);
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
