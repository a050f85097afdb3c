// CWE-089 VULNERABLE: request.getParameter("login") flows directly into a SQL string run by Statement.executeQuery; the value is spliced into the SQL text, so a quote breaks out of the literal.
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/sqli/vulnSqliParamStatement")
public class VulnSqliParamStatement extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("login");
        if (param == null) {
            param = "";
        }
        String bar = param;
        int rows = 0;
        try (Connection connection = openConnection()) {
            String sql = "SELECT id, display_name FROM users WHERE login = '" + bar + "'";
            try (Statement statement = connection.createStatement();
                    ResultSet results = statement.executeQuery(sql)) {
                while (results.next()) {
                    rows++;
                }
            }
        } catch (SQLException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Rows: " + rows);
    }

    private Connection openConnection() throws SQLException {
        return DriverManager.getConnection(System.getenv("APP_JDBC_URL"),
                System.getenv("APP_JDBC_USER"), System.getenv("APP_JDBC_PASSWORD"));
    }
}
