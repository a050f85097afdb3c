// CWE-089 SAFE: the argument of a public library method flows through String.format into EntityManager.createNativeQuery with a ?1 positional parameter; setParameter(1, ..) binds the value.
import java.util.List;
import java.util.Locale;

import jakarta.persistence.EntityManager;

public class SafeSqliRepoNativeParam {

    private final EntityManager entityManager;

    public SafeSqliRepoNativeParam(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public int process(String sku) {
        String bar = String.format(Locale.ROOT, "%s", sku);
        List<?> products = entityManager.createNativeQuery("SELECT * FROM product WHERE sku = ?1")
                .setParameter(1, bar)
                .getResultList();
        int rows = products.size();
        return rows;
    }
}
