// CWE-501 VULNERABLE: a Spring @PathVariable flows through a ternary whose constant condition (7 * 42) - 106 = 188 > 200 is false and picks the input into model.addAttribute on a @SessionAttributes("userRole") controller; Spring copies @SessionAttributes model entries into the HttpSession, so untrusted data crosses the trust boundary.
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.SessionAttributes;

@SessionAttributes("userRole")
@Controller
@RequestMapping("/trust")
public class VulnTrustSpringModelSessionAttr {

    @GetMapping(value = "/model-session/{role}")
    public String handle(@PathVariable("role") String role, Model model) {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : role;
        model.addAttribute("userRole", bar);
        return "profile";
    }
}
