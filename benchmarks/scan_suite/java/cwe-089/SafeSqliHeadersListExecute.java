// CWE-089 SAFE: the first value of request.getHeaders("X-Nickname"), URL-decoded reaches a SQL string run by Statement.execute only through an ArrayList where, after remove(0), get(1) returns the literal "moresafe", so the sink never receives a dangerous value.
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

@WebServlet(value = "/sqli/safeSqliHeadersListExecute")
public class SafeSqliHeadersListExecute extends HttpServlet {

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
        valuesList.remove(0); // index 0 is now the request value, index 1 is "moresafe"
        String bar = valuesList.get(1);
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
