// CWE-601 SAFE: a Spring @RequestParam with a default value reaches new ModelAndView("redirect:" + value) only through a constant-folded ternary ((7 * 42) - 86 = 208 > 200 is true, so the literal is always chosen), so the sink never receives a dangerous value.
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

@Controller
@RequestMapping("/redirect")
public class SafeRedirectSpringModelAndView {

    @GetMapping(value = "/spring-mav")
    public ModelAndView handle(@RequestParam(value = "next", defaultValue = "") String next) {
        int num = 86;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : next;
        return new ModelAndView("redirect:" + bar);
    }
}
