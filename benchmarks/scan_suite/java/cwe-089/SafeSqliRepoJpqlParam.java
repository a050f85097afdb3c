// CWE-089 SAFE: the argument of a public library method flows through a Base64 encode/decode round trip into EntityManager.createQuery with a :email named parameter; setParameter binds the value.
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.persistence.EntityManager;

public class SafeSqliRepoJpqlParam {

    private final EntityManager entityManager;

    public SafeSqliRepoJpqlParam(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public int process(String email) {
        byte[] encoded = Base64.getEncoder().encode(email.getBytes(StandardCharsets.UTF_8));
        String bar = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        List<Object> users = entityManager
                .createQuery("SELECT u FROM UserAccount u WHERE u.email = :email", Object.class)
                .setParameter("email", bar)
                .getResultList();
        int rows = users.size();
        return rows;
    }
}
