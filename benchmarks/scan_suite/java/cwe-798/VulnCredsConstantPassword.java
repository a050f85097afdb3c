// CWE-798 VULNERABLE: the database password is a private static final String constant in the servlet.
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe798/vulnCredsConstantPassword")
public class VulnCredsConstantPassword extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final String DB_URL = "jdbc:mysql://10.0.0.12:3306/crm";
    private static final String DB_USER = "crm";
    private static final String DB_PASSWORD = "s3cr3t-Prod!";

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String customer = request.getParameter("customer");
        try (Connection connection = DriverManager.getConnection(DB_URL, DB_USER, DB_PASSWORD)) {
            boolean valid = connection.isValid(2);
            response.getWriter().println("Connected: " + valid + ", customer length " + (customer == null ? 0 : customer.length()));
        } catch (SQLException e) {
            throw new ServletException(e);
        }
    }
}
