// CWE-089 VULNERABLE: a Spring @PathVariable flows through a ternary whose constant condition (7 * 42) - 106 = 188 > 200 is false and picks the input into JdbcTemplate.update(String) with a concatenated SQL string; the value is spliced into the SQL text, so a quote breaks out of the literal.
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sqli")
public class VulnSqliSpringPathUpdate {

    private final JdbcTemplate jdbcTemplate;

    public VulnSqliSpringPathUpdate(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping(value = "/jt-update/{bio}")
    public String handle(@PathVariable("bio") String bio) {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : bio;
        int rows = jdbcTemplate.update("UPDATE profiles SET bio = '" + bar + "' WHERE id = 7");
        return "found=" + rows;
    }
}
