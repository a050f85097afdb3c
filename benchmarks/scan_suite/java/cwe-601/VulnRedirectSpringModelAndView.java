// CWE-601 VULNERABLE: a Spring @RequestParam with a default value flows through a ternary whose constant condition (7 * 42) - 106 = 188 > 200 is false and picks the input into new ModelAndView("redirect:" + value); the browser is sent to an attacker-chosen absolute URL (open redirect).
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

@Controller
@RequestMapping("/redirect")
public class VulnRedirectSpringModelAndView {

    @GetMapping(value = "/spring-mav")
    public ModelAndView handle(@RequestParam(value = "next", defaultValue = "") String next) {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : next;
        return new ModelAndView("redirect:" + bar);
    }
}
