// CWE-094 VULNERABLE: a Spring @RequestParam flows through a private helper method that returns its argument into SpelExpressionParser.parseExpression(..).getValue(StandardEvaluationContext); SpEL with a StandardEvaluationContext allows T(java.lang.Runtime).getRuntime().exec(..).
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/codei")
public class VulnCodeiSpringSpel {

    @GetMapping(value = "/spel-std")
    public String handle(@RequestParam("filter") String filter) {
        String bar = cleanup(filter);
        Object value = null;
        ExpressionParser parser = new SpelExpressionParser();
        Expression expression = parser.parseExpression(bar);
        value = expression.getValue(new StandardEvaluationContext());
        return String.valueOf(value != null);
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
