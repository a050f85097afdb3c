// CWE-090 SAFE: a Spring @CookieValue flows by string concatenation into LdapTemplate.search with LdapEncoder.filterEncode(value); LdapEncoder.filterEncode escapes the filter metacharacters.
import java.util.List;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/ldap")
public class SafeLdapSpringCookieEncoder {

    private final LdapTemplate ldapTemplate;

    public SafeLdapSpringCookieEncoder(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping(value = "/ldapencoder")
    public String handle(@CookieValue(name = "employee", defaultValue = "") String employee) {
        String bar = "emp-" + employee;
        String filter = "(cn=" + LdapEncoder.filterEncode(bar) + ")";
        List<String> names = ldapTemplate.search("ou=people", filter,
                (AttributesMapper<String>) attrs -> String.valueOf(attrs.get("cn").get()));
        return "found=" + names.size();
    }
}
