// CWE-090 SAFE: the value of the first parameter whose name starts with "mail." (getParameterNames enumeration) reaches DirContext.search with a filter built by String.format only through a constant if/else ((500 / 42) + 186 = 197 is not > 200, so the literal branch is always taken), so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Enumeration;
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

@WebServlet(value = "/ldap/safeLdapNamesIf")
public class SafeLdapNamesIf extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("mail.")) {
                param = request.getParameter(name);
                break;
            }
        }
        int num = 186;
        String bar;
        if ((500 / 42) + num > 200) {
            bar = param;
        } else {
            bar = "fallback";
        }
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        int found = 0;
        try {
            DirContext ctx = openDirContext();
            String filter = String.format("(&(objectClass=inetOrgPerson)(mail=%s))", bar);
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
