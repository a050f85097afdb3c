// CWE-090 SAFE: a Spring @PathVariable reaches LdapTemplate.search with a concatenated filter only through a constant-folded ternary ((7 * 42) - 86 = 208 > 200 is true, so the literal is always chosen), so the sink never receives a dangerous value.
import java.util.List;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/ldap")
public class SafeLdapSpringPathTernary {

    private final LdapTemplate ldapTemplate;

    public SafeLdapSpringPathTernary(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping(value = "/ldaptemplate/{cn}")
    public String handle(@PathVariable("cn") String cn) {
        int num = 86;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : cn;
        List<String> names = ldapTemplate.search("ou=people", "(cn=" + bar + ")",
                (AttributesMapper<String>) attrs -> String.valueOf(attrs.get("cn").get()));
        return "found=" + names.size();
    }
}
