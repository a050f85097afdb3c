// CWE-089 SAFE: the first value of request.getParameterValues("customer") flows through a StringBuilder append chain into a PreparedStatement whose two ? placeholders are both bound; unlike the concatenated variant, the customer value is a bound parameter.
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/sqli/safeSqliValuesPreparedBound")
public class SafeSqliValuesPreparedBound extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("customer");
        String param = (values != null && values.length > 0) ? values[0] : "";
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        sb.append("-x");
        String bar = sb.toString();
        int rows = 0;
        try (Connection connection = openConnection()) {
            String sql = "SELECT id FROM orders WHERE customer = ? AND status = ?";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, bar);
                ps.setString(2, "OPEN");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
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
