// CWE-089 SAFE: a Spring @RequestHeader flows directly into NamedParameterJdbcTemplate with a :login parameter; named parameters are bound, not concatenated.
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sqli")
public class SafeSqliSpringHeaderNamed {

    private final NamedParameterJdbcTemplate namedJdbc;

    public SafeSqliSpringHeaderNamed(NamedParameterJdbcTemplate namedJdbc) {
        this.namedJdbc = namedJdbc;
    }

    @GetMapping(value = "/named")
    public String handle(@RequestHeader("X-Login") String input) {
        String bar = input;
        MapSqlParameterSource params = new MapSqlParameterSource("login", bar);
        List<String> emails = namedJdbc.queryForList("SELECT email FROM users WHERE login = :login", params, String.class);
        int rows = emails.size();
        return "found=" + rows;
    }
}
