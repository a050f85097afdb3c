// CWE-090 SAFE: the first value of request.getHeaders("X-Department"), URL-decoded reaches DirContext.search(name, filterExpr, filterArgs, controls) whose filterExpr is concatenated only through an ArrayList where, after remove(0), get(1) returns the literal "moresafe", so the sink never receives a dangerous value.
import java.io.IOException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;

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

@WebServlet(value = "/ldap/safeLdapHeadersListRemove")
public class SafeLdapHeadersListRemove extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> headers = request.getHeaders("X-Department");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = URLDecoder.decode(param, "UTF-8");
        List<String> valuesList = new ArrayList<>();
        valuesList.add("safe");
        valuesList.add(param);
        valuesList.add("moresafe");
        valuesList.remove(0); // index 0 is now the request value, index 1 is "moresafe"
        String bar = valuesList.get(1);
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        int found = 0;
        try {
            DirContext ctx = openDirContext();
            String filterExpr = "(&(objectClass=person)(departmentNumber=" + bar + ")(uid={0}))";
            NamingEnumeration<SearchResult> results =
                    ctx.search("ou=people,dc=example,dc=com", filterExpr, new Object[] {"guest"}, controls);
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
