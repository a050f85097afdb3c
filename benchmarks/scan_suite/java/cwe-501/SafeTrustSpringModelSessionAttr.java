// CWE-501 SAFE: a Spring @PathVariable reaches model.addAttribute on a @SessionAttributes("userRole") controller only through a constant-folded ternary ((7 * 42) - 86 = 208 > 200 is true, so the literal is always chosen), so the sink never receives a dangerous value.
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.SessionAttributes;

@SessionAttributes("userRole")
@Controller
@RequestMapping("/trust")
public class SafeTrustSpringModelSessionAttr {

    @GetMapping(value = "/model-session/{role}")
    public String handle(@PathVariable("role") String role, Model model) {
        int num = 86;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : role;
        model.addAttribute("userRole", bar);
        return "profile";
    }
}
