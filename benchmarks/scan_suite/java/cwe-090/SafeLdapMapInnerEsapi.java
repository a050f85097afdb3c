// CWE-090 SAFE: request.getParameterMap().get("uid")[0] flows through an inner class method (new Test().doSomething(..)) into DirContext.search with ESAPI.encoder().encodeForLDAP(value); encodeForLDAP escapes \ * ( ) and NUL before concatenation.
import java.io.IOException;
import java.util.Hashtable;
import java.util.Map;

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

import org.owasp.esapi.ESAPI;

@WebServlet(value = "/ldap/safeLdapMapInnerEsapi")
public class SafeLdapMapInnerEsapi extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Map<String, String[]> parameters = request.getParameterMap();
        String param = "";
        String[] entry = parameters.get("uid");
        if (entry != null && entry.length > 0) {
            param = entry[0];
        }
        String bar = new Test().doSomething(request, param);
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        int found = 0;
        try {
            DirContext ctx = openDirContext();
            String filter = "(&(objectClass=person)(uid=" + ESAPI.encoder().encodeForLDAP(bar) + "))";
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

    private class Test {

        public String doSomething(HttpServletRequest request, String param) {
            String result = "fallback";
            if (param != null && !param.isEmpty()) {
                result = param;
            }
            return result;
        }
    }

    private static DirContext openDirContext() throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, System.getenv("LDAP_URL"));
        return new InitialDirContext(env);
    }
}
