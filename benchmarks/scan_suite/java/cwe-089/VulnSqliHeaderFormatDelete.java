// CWE-089 VULNERABLE: request.getHeader("X-Remember-Token") flows through a chain of local variables into a SQL string built with String.format and run by executeUpdate; the value is spliced into the SQL text, so a quote breaks out of the literal.
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/sqli/vulnSqliHeaderFormatDelete")
public class VulnSqliHeaderFormatDelete extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Remember-Token");
        if (param == null) {
            param = "";
        }
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
        int rows = 0;
        try (Connection connection = openConnection()) {
            String sql = String.format("DELETE FROM remember_tokens WHERE token = '%s'", bar);
            try (Statement statement = connection.createStatement()) {
                rows = statement.executeUpdate(sql);
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
