// CWE-094 SAFE: a Spring @RequestParam flows through a private helper method that returns its argument into a constant SpEL expression over a SimpleEvaluationContext variable; the expression text is constant and the value is a variable in a restricted context.
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/codei")
public class SafeCodeiSpringSpelVariable {

    @GetMapping(value = "/spel-simple-var")
    public String handle(@RequestParam("filter") String filter) {
        String bar = cleanup(filter);
        Object value = null;
        EvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding().build();
        context.setVariable("q", bar);
        value = new SpelExpressionParser().parseExpression("#q").getValue(context);
        return String.valueOf(value != null);
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
