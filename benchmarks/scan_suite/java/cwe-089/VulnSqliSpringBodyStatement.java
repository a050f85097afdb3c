// CWE-089 VULNERABLE: a Spring @RequestBody String flows through URLDecoder.decode inside try/catch (the catch keeps the raw input) into a SQL string run by Statement.executeQuery; the value is spliced into the SQL text, so a quote breaks out of the literal.
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sqli")
public class VulnSqliSpringBodyStatement {

    private final DataSource dataSource;

    public VulnSqliSpringBodyStatement(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @PostMapping(value = "/stmt-query")
    public String handle(@RequestBody String input) {
        String bar;
        try {
            bar = URLDecoder.decode(input, "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            bar = input;
        }
        int rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            String sql = "SELECT id, display_name FROM users WHERE login = '" + bar + "'";
            try (Statement statement = connection.createStatement();
                    ResultSet results = statement.executeQuery(sql)) {
                while (results.next()) {
                    rows++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "rows=" + rows;
    }
}
