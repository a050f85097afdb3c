// CWE-089 VULNERABLE: the "sort" field parsed by hand out of request.getQueryString() flows through a switch on a constant char that selects the tainted branch ("ABC".charAt(1) == 'B') into an ORDER BY clause run by Statement.executeQuery; the value becomes raw SQL after ORDER BY (no quoting at all).
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

@WebServlet(value = "/sqli/vulnSqliQueryStringOrderBy")
public class VulnSqliQueryStringOrderBy extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String queryString = request.getQueryString();
        String marker = "sort=";
        String param = "";
        if (queryString != null) {
            int start = queryString.indexOf(marker);
            if (start >= 0) {
                int end = queryString.indexOf('&', start);
                param = queryString.substring(start + marker.length(), end < 0 ? queryString.length() : end);
                param = URLDecoder.decode(param, StandardCharsets.UTF_8);
            }
        }
        String selector = "ABC";
        char target = selector.charAt(1);
        String bar;
        switch (target) {
            case 'A':
                bar = "alpha";
                break;
            case 'B':
                bar = param;
                break;
            case 'C':
            case 'D':
                bar = "gamma";
                break;
            default:
                bar = "omega";
                break;
        }
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

    private Connection openConnection() throws SQLException {
        return DriverManager.getConnection(System.getenv("APP_JDBC_URL"),
                System.getenv("APP_JDBC_USER"), System.getenv("APP_JDBC_PASSWORD"));
    }
}
