// CWE-089 VULNERABLE: a Spring @CookieValue flows by string concatenation into EntityManager.createNativeQuery with a concatenated SQL string; the value is spliced into the SQL text, so a quote breaks out of the literal.
import java.util.List;

import jakarta.persistence.EntityManager;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/sqli")
public class VulnSqliSpringCookieNative {

    private final EntityManager entityManager;

    public VulnSqliSpringCookieNative(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GetMapping(value = "/jpa-native")
    public String handle(@CookieValue(name = "lastSku", defaultValue = "") String lastSku) {
        String bar = lastSku + "-x";
        List<?> products = entityManager.createNativeQuery("SELECT * FROM product WHERE sku = '" + bar + "'").getResultList();
        int rows = products.size();
        return "found=" + rows;
    }
}
