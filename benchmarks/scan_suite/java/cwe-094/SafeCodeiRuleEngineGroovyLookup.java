// CWE-094 SAFE: the argument of a public library method reaches GroovyShell.parse(..).run() only through a lookup in a constant map (the input only selects one of its constant values), so the sink never receives a dangerous value.
import java.util.Map;

import groovy.lang.GroovyShell;
import groovy.lang.Script;

public class SafeCodeiRuleEngineGroovyLookup {

    public Object process(String ruleName) {
        String bar = KNOWN.getOrDefault(ruleName, "0");
        Object value = null;
        Script script = new GroovyShell().parse(bar);
        script.setProperty("tenant", "default");
        value = script.run();
        return value;
    }

    private static final Map<String, String> KNOWN = Map.of("discount", "order.total * 0.9", "shipping", "order.weight * 1.5");
}
