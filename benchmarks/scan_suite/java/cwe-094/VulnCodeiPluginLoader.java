// CWE-094 VULNERABLE: the argument of a public library method flows directly into ClassLoader.loadClass(..) followed by newInstance() and run(); the caller-supplied class name is loaded, instantiated and executed.


public class VulnCodeiPluginLoader {

    public Object process(String className) {
        String bar = className;
        Object value = null;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> pluginClass = loader.loadClass(bar);
            Runnable plugin = (Runnable) pluginClass.getDeclaredConstructor().newInstance();
            plugin.run();
            value = plugin;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return value;
    }
}
