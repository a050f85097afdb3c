// CWE-089 SAFE: the raw request body from request.getInputStream() flows through a chain of local variables into Java-side comparison with rows of a constant query; the SQL text is a constant; the request value is only compared in Java.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/sqli/safeSqliInputStreamCompare")
public class SafeSqliInputStreamCompare extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        byte[] raw = request.getInputStream().readAllBytes();
        String param = new String(raw, StandardCharsets.UTF_8).trim();
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
        int rows = 0;
        try (Connection connection = openConnection()) {
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT login FROM users WHERE active = 1")) {
                while (rs.next()) {
                    if (rs.getString("login").equals(bar)) {
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
