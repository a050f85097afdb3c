// CWE-094 SAFE: the argument of a public library method flows directly into Class.forName with a constant JDBC driver name; the loaded class name is a literal; the value is only compared.


public class SafeCodeiDriverLoader {

    public Object process(String dialect) {
        String bar = dialect;
        Object value = null;
        try {
            Class.forName("org.postgresql.Driver");
            value = "postgres".equals(bar) ? "driver-loaded" : "unused";
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return value;
    }
}
