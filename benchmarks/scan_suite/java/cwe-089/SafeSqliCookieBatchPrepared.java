// CWE-089 SAFE: the value of cookie "lastEvent" found by looping over request.getCookies() flows through ArrayList add/get into PreparedStatement.addBatch with bound values; every batch entry is bound through setString.
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/sqli/safeSqliCookieBatchPrepared")
public class SafeSqliCookieBatchPrepared extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "none";
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("lastEvent".equals(cookie.getName())) {
                    param = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add("first");
        parts.add(param);
        String bar = parts.get(1);
        int rows = 0;
        try (Connection connection = openConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO audit_log(event) VALUES (?)")) {
                statement.setString(1, "login");
                statement.addBatch();
                statement.setString(1, bar);
                statement.addBatch();
                rows = statement.executeBatch().length;
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
