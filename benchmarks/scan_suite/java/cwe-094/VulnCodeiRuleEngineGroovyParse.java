// CWE-094 VULNERABLE: the argument of a public library method flows through a Base64 encode/decode round trip into GroovyShell.parse(..).run(); the request text is evaluated as code by the engine (e.g. java.lang.Runtime.getRuntime().exec(..)).
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import groovy.lang.GroovyShell;
import groovy.lang.Script;

public class VulnCodeiRuleEngineGroovyParse {

    public Object process(String ruleSource) {
        byte[] encoded = Base64.getEncoder().encode(ruleSource.getBytes(StandardCharsets.UTF_8));
        String bar = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        Object value = null;
        Script script = new GroovyShell().parse(bar);
        script.setProperty("tenant", "default");
        value = script.run();
        return value;
    }
}
