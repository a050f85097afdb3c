// CWE-798 SAFE: the servlet obtains its connection from a container-managed JNDI DataSource; credentials live in the server configuration, not in code.
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.sql.DataSource;

@WebServlet(value = "/cwe798/safeCredsJndiDataSource")
public class SafeCredsJndiDataSource extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String customer = request.getParameter("customer");
        try (Connection connection = ((DataSource) new InitialContext().lookup("java:comp/env/jdbc/crm")).getConnection()) {
            boolean valid = connection.isValid(2);
            response.getWriter().println("Connected: " + valid + ", customer length " + (customer == null ? 0 : customer.length()));
        } catch (SQLException | NamingException e) {
            throw new ServletException(e);
        }
    }
}
