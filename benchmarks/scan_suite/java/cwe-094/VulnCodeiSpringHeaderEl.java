// CWE-094 VULNERABLE: a Spring @RequestHeader flows through Optional.ofNullable(..).map(..).orElse(..) into jakarta.el.ELProcessor.eval; expression language injection: ELProcessor evaluates the text, including method calls.
import java.util.Optional;

import jakarta.el.ELProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/codei")
public class VulnCodeiSpringHeaderEl {

    @GetMapping(value = "/el")
    public String handle(@RequestHeader("X-Expression") String input) {
        String bar = Optional.ofNullable(input).map(String::trim).orElse("");
        Object value = null;
        ELProcessor processor = new ELProcessor();
        value = processor.eval(bar);
        return String.valueOf(value != null);
    }
}
