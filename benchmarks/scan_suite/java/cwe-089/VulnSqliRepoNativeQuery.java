// CWE-089 VULNERABLE: the argument of a public library method flows through String.format into EntityManager.createNativeQuery with a concatenated SQL string; the value is spliced into the SQL text, so a quote breaks out of the literal.
import java.util.List;
import java.util.Locale;

import jakarta.persistence.EntityManager;

public class VulnSqliRepoNativeQuery {

    private final EntityManager entityManager;

    public VulnSqliRepoNativeQuery(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public int process(String sku) {
        String bar = String.format(Locale.ROOT, "%s", sku);
        List<?> products = entityManager.createNativeQuery("SELECT * FROM product WHERE sku = '" + bar + "'").getResultList();
        int rows = products.size();
        return rows;
    }
}
