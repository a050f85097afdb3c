// CWE-090 VULNERABLE: a Spring @CookieValue flows by string concatenation into LdapTemplate.search with a concatenated filter; the value is concatenated into the LDAP filter, so *, ( and ) change the query (e.g. "*)(uid=*").
import java.util.List;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/ldap")
public class VulnLdapSpringCookiePrefix {

    private final LdapTemplate ldapTemplate;

    public VulnLdapSpringCookiePrefix(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping(value = "/ldaptemplate")
    public String handle(@CookieValue(name = "employee", defaultValue = "") String employee) {
        String bar = "emp-" + employee;
        List<String> names = ldapTemplate.search("ou=people", "(cn=" + bar + ")",
                (AttributesMapper<String>) attrs -> String.valueOf(attrs.get("cn").get()));
        return "found=" + names.size();
    }
}
