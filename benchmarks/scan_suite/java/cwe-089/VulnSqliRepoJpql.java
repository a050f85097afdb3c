// CWE-089 VULNERABLE: the argument of a public library method flows through a Base64 encode/decode round trip into EntityManager.createQuery with a concatenated JPQL string; JPQL/HQL built by concatenation is injectable just like SQL.
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.persistence.EntityManager;

public class VulnSqliRepoJpql {

    private final EntityManager entityManager;

    public VulnSqliRepoJpql(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public int process(String email) {
        byte[] encoded = Base64.getEncoder().encode(email.getBytes(StandardCharsets.UTF_8));
        String bar = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        List<Object> users = entityManager
                .createQuery("SELECT u FROM UserAccount u WHERE u.email = '" + bar + "'", Object.class)
                .getResultList();
        int rows = users.size();
        return rows;
    }
}
