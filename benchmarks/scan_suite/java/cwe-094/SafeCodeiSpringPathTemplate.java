// CWE-094 SAFE: a Spring @PathVariable reaches a SpEL template parsed with TemplateParserContext and evaluated with the default context only through a constant-folded ternary ((7 * 42) - 86 = 208 > 200 is true, so the literal is always chosen), so the sink never receives a dangerous value.
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.common.TemplateParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/codei")
public class SafeCodeiSpringPathTemplate {

    @GetMapping(value = "/spel-template/{name}")
    public String handle(@PathVariable("name") String name) {
        int num = 86;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : name;
        Object value = null;
        ExpressionParser parser = new SpelExpressionParser();
        value = parser.parseExpression("Dear " + bar + ",", new TemplateParserContext()).getValue(String.class);
        return String.valueOf(value != null);
    }
}
