// CWE-089 SAFE: request.getParameter("login") flows directly into a PreparedStatement with a ? placeholder bound by setString; the value is bound as a parameter and never parsed as SQL.
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/sqli/safeSqliParamPrepared")
public class SafeSqliParamPrepared extends HttpServlet {

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
            String sql = "SELECT id, display_name FROM users WHERE login = ?";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, bar);
                try (ResultSet results = statement.executeQuery()) {
                    while (results.next()) {
                        rows++;
                    }
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
