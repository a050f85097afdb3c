// CWE-094 VULNERABLE: a Spring @RequestBody String flows through URLDecoder.decode inside try/catch (the catch keeps the raw input) into ScriptEngine.eval; the request text is evaluated as code by the engine (e.g. java.lang.Runtime.getRuntime().exec(..)).
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/codei")
public class VulnCodeiSpringBodyScript {

    @PostMapping(value = "/js-eval")
    public String handle(@RequestBody String input) {
        String bar;
        try {
            bar = URLDecoder.decode(input, "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            bar = input;
        }
        Object value = null;
        try {
            ScriptEngine engine = new ScriptEngineManager().getEngineByName("JavaScript");
            value = engine.eval(bar);
        } catch (ScriptException e) {
            throw new IllegalStateException(e);
        }
        return String.valueOf(value != null);
    }
}
