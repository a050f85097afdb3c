// CWE-090 VULNERABLE: a Spring @PathVariable flows through a ternary whose constant condition (7 * 42) - 106 = 188 > 200 is false and picks the input into LdapTemplate.search with a concatenated filter; the value is concatenated into the LDAP filter, so *, ( and ) change the query (e.g. "*)(uid=*").
import java.util.List;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/ldap")
public class VulnLdapSpringPathTernary {

    private final LdapTemplate ldapTemplate;

    public VulnLdapSpringPathTernary(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping(value = "/ldaptemplate/{cn}")
    public String handle(@PathVariable("cn") String cn) {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : cn;
        List<String> names = ldapTemplate.search("ou=people", "(cn=" + bar + ")",
                (AttributesMapper<String>) attrs -> String.valueOf(attrs.get("cn").get()));
        return "found=" + names.size();
    }
}
