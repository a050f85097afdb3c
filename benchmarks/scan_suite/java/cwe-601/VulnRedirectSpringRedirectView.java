// CWE-601 VULNERABLE: a Spring @RequestHeader flows through a Base64 encode/decode round trip into new RedirectView(value); the browser is sent to an attacker-chosen absolute URL (open redirect).
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.view.RedirectView;

@Controller
@RequestMapping("/redirect")
public class VulnRedirectSpringRedirectView {

    @GetMapping(value = "/spring-rv")
    public RedirectView handle(@RequestHeader("X-Forward-To") String input) {
        byte[] encoded = Base64.getEncoder().encode(input.getBytes(StandardCharsets.UTF_8));
        String bar = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        RedirectView view = new RedirectView(bar);
        view.setContextRelative(false);
        return view;
    }
}
