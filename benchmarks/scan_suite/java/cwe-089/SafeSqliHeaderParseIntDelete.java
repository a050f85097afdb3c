// CWE-089 SAFE: request.getHeader("X-Remember-Token") reaches a SQL string built with String.format and run by executeUpdate only through Integer.parseInt, which restricts the value to digits, so the sink never receives a dangerous value.
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

@WebServlet(value = "/sqli/safeSqliHeaderParseIntDelete")
public class SafeSqliHeaderParseIntDelete extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Remember-Token");
        if (param == null) {
            param = "";
        }
        int number = Integer.parseInt(param.trim());
        String bar = Integer.toString(number);
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
