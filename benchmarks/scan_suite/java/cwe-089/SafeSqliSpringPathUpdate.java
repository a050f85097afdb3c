// CWE-089 SAFE: a Spring @PathVariable reaches JdbcTemplate.update(String) with a concatenated SQL string only through a constant-folded ternary ((7 * 42) - 86 = 208 > 200 is true, so the literal is always chosen), so the sink never receives a dangerous value.
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sqli")
public class SafeSqliSpringPathUpdate {

    private final JdbcTemplate jdbcTemplate;

    public SafeSqliSpringPathUpdate(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping(value = "/jt-update/{bio}")
    public String handle(@PathVariable("bio") String bio) {
        int num = 86;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : bio;
        int rows = jdbcTemplate.update("UPDATE profiles SET bio = '" + bar + "' WHERE id = 7");
        return "found=" + rows;
    }
}
