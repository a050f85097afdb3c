// CWE-089 SAFE: a Spring @RequestParam flows through a private helper method that returns its argument into JdbcTemplate.queryForList with a ? placeholder and an argument; JdbcTemplate binds the argument through a PreparedStatement.
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sqli")
public class SafeSqliSpringJdbcArgs {

    private final JdbcTemplate jdbcTemplate;

    public SafeSqliSpringJdbcArgs(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping(value = "/jt-query-args")
    public String handle(@RequestParam("login") String login) {
        String bar = cleanup(login);
        List<String> emails = jdbcTemplate.queryForList("SELECT email FROM users WHERE login = ?", String.class, bar);
        int rows = emails.size();
        return "found=" + rows;
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
