// CWE-089 SAFE: a Spring @RequestBody String flows through URLDecoder.decode inside try/catch (the catch keeps the raw input) into a PreparedStatement DELETE with a ? placeholder; the value is bound with setString instead of being formatted into the SQL.
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sqli")
public class SafeSqliSpringBodyDelete {

    private final DataSource dataSource;

    public SafeSqliSpringBodyDelete(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @PostMapping(value = "/ps-delete")
    public String handle(@RequestBody String input) {
        String bar;
        try {
            bar = URLDecoder.decode(input, "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            bar = input;
        }
        int rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM remember_tokens WHERE token = ?")) {
                statement.setString(1, bar);
                rows = statement.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "rows=" + rows;
    }
}
