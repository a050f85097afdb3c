// CWE-089 SAFE: request.getParameter("sort") reaches an ORDER BY clause run by Statement.executeQuery only through an allow-list check that returns early unless the value is one of a few constants, so the sink never receives a dangerous value.
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/sqli/safeSqliOrderByAllowList")
public class SafeSqliOrderByAllowList extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("sort");
        if (param == null) {
            param = "";
        }
        if (!ALLOWED_VALUES.contains(param)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        String bar = param;
        int rows = 0;
        try (Connection connection = openConnection()) {
            String sql = "SELECT id, title FROM articles ORDER BY " + bar;
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows++;
                }
            }
        } catch (SQLException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Rows: " + rows);
    }

    private static final Set<String> ALLOWED_VALUES = Set.of("title", "published_at", "id");

    private Connection openConnection() throws SQLException {
        return DriverManager.getConnection(System.getenv("APP_JDBC_URL"),
                System.getenv("APP_JDBC_USER"), System.getenv("APP_JDBC_PASSWORD"));
    }
}
