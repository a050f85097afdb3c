// CWE-094 SAFE: a Spring @RequestBody String flows through URLDecoder.decode inside try/catch (the catch keeps the raw input) into ELProcessor.eval of a constant expression with the value defined as a bean; the EL text is constant; the value is only data.
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;

import jakarta.el.ELProcessor;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/codei")
public class SafeCodeiSpringBodyElBean {

    @PostMapping(value = "/el-bean")
    public String handle(@RequestBody String input) {
        String bar;
        try {
            bar = URLDecoder.decode(input, "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            bar = input;
        }
        Object value = null;
        ELProcessor processor = new ELProcessor();
        processor.defineBean("input", bar);
        value = processor.eval("input.length()");
        return String.valueOf(value != null);
    }
}
