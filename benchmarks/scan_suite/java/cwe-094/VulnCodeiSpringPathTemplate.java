// CWE-094 VULNERABLE: a Spring @PathVariable flows through a ternary whose constant condition (7 * 42) - 106 = 188 > 200 is false and picks the input into a SpEL template parsed with TemplateParserContext and evaluated with the default context; a #{..} block inside the value is evaluated with the default (standard) context, so T(..) calls are allowed.
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.common.TemplateParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/codei")
public class VulnCodeiSpringPathTemplate {

    @GetMapping(value = "/spel-template/{name}")
    public String handle(@PathVariable("name") String name) {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : name;
        Object value = null;
        ExpressionParser parser = new SpelExpressionParser();
        value = parser.parseExpression("Dear " + bar + ",", new TemplateParserContext()).getValue(String.class);
        return String.valueOf(value != null);
    }
}
