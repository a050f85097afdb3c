// CWE-090 SAFE: a Spring @RequestParam flows through a private helper method that returns its argument into LdapTemplate.search with LdapQueryBuilder.query().where(..).is(value); LdapQueryBuilder encodes the value of is(..).
import java.util.List;

import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.query.LdapQuery;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/ldap")
public class SafeLdapSpringQueryBuilder {

    private final LdapTemplate ldapTemplate;

    public SafeLdapSpringQueryBuilder(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping(value = "/ldapquery")
    public String handle(@RequestParam("cn") String cn) {
        String bar = cleanup(cn);
        LdapQuery query = LdapQueryBuilder.query().base("ou=people").where("cn").is(bar);
        List<String> names = ldapTemplate.search(query,
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
