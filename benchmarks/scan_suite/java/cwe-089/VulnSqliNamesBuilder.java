// CWE-089 VULNERABLE: the value of the first parameter whose name starts with "invoice." (getParameterNames enumeration) flows through an if/else whose constant condition (500 / 42) + 196 = 207 > 200 is true and picks the input into a SQL string built with StringBuilder.append and run by executeQuery; the value is spliced into the SQL text, so a quote breaks out of the literal.
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/sqli/vulnSqliNamesBuilder")
public class VulnSqliNamesBuilder extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("invoice.")) {
                param = request.getParameter(name);
                break;
            }
        }
        int num = 196;
        String bar;
        if ((500 / 42) + num > 200) {
            bar = param;
        } else {
            bar = "fallback";
        }
        int rows = 0;
        try (Connection connection = openConnection()) {
            StringBuilder query = new StringBuilder("SELECT count(*) FROM invoices WHERE reference = '");
            query.append(bar).append("' AND archived = false");
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query.toString())) {
                if (rs.next()) {
                    rows = rs.getInt(1);
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
