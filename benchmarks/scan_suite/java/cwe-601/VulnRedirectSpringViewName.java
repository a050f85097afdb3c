// CWE-601 VULNERABLE: a Spring @RequestParam flows through a private helper method that returns its argument into a "redirect:" view name returned by a @Controller; the browser is sent to an attacker-chosen absolute URL (open redirect).
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
@RequestMapping("/redirect")
public class VulnRedirectSpringViewName {

    @GetMapping(value = "/spring-redirect")
    public String handle(@RequestParam("returnTo") String returnTo) {
        String bar = cleanup(returnTo);
        return "redirect:" + bar;
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
