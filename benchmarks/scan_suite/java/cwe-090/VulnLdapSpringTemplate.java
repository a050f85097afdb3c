// CWE-090 VULNERABLE: a Spring @RequestParam flows through a private helper method that returns its argument into LdapTemplate.search with a concatenated filter; the value is concatenated into the LDAP filter, so *, ( and ) change the query (e.g. "*)(uid=*").
import java.util.List;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/ldap")
public class VulnLdapSpringTemplate {

    private final LdapTemplate ldapTemplate;

    public VulnLdapSpringTemplate(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping(value = "/ldaptemplate")
    public String handle(@RequestParam("cn") String cn) {
        String bar = cleanup(cn);
        List<String> names = ldapTemplate.search("ou=people", "(cn=" + bar + ")",
                (AttributesMapper<String>) attrs -> String.valueOf(attrs.get("cn").get()));
        return "found=" + names.size();
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
