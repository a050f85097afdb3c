// CWE-089 VULNERABLE: a Spring @RequestParam flows through a private helper method that returns its argument into JdbcTemplate.queryForList with a concatenated SQL string; the value is spliced into the SQL text, so a quote breaks out of the literal.
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sqli")
public class VulnSqliSpringJdbcQuery {

    private final JdbcTemplate jdbcTemplate;

    public VulnSqliSpringJdbcQuery(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping(value = "/jt-query")
    public String handle(@RequestParam("login") String login) {
        String bar = cleanup(login);
        List<String> emails = jdbcTemplate.queryForList("SELECT email FROM users WHERE login = '" + bar + "'", String.class);
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
