// CWE-089 VULNERABLE: the first value of request.getHeaders("X-Nickname"), URL-decoded flows through an ArrayList where, after remove(0), get(0) returns the tainted element into a SQL string run by Statement.execute; the value is spliced into the SQL text, so a quote breaks out of the literal.
import java.io.IOException;
import java.net.URLDecoder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/sqli/vulnSqliHeadersListExecute")
public class VulnSqliHeadersListExecute extends HttpServlet {

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
        Enumeration<String> headers = request.getHeaders("X-Nickname");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = URLDecoder.decode(param, "UTF-8");
        List<String> valuesList = new ArrayList<>();
        valuesList.add("safe");
        valuesList.add(param);
        valuesList.add("moresafe");
        valuesList.remove(0); // the tainted value is now at index 0
        String bar = valuesList.get(0);
        int rows = 0;
        try (Connection connection = openConnection()) {
            Statement statement = connection.createStatement();
            boolean hasResultSet = statement.execute("UPDATE accounts SET nickname = '" + bar + "' WHERE id = 1");
            rows = hasResultSet ? -1 : statement.getUpdateCount();
            statement.close();
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
