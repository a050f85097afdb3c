// CWE-601 SAFE: a Spring @RequestHeader flows through a Base64 encode/decode round trip into a RedirectView to a constant path with the value as a static query attribute; the view URL is constant; attributes are URL-encoded into the query string.
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.view.RedirectView;

@Controller
@RequestMapping("/redirect")
public class SafeRedirectSpringRedirectViewStatic {

    @GetMapping(value = "/spring-rv-static")
    public RedirectView handle(@RequestHeader("X-Forward-To") String input) {
        byte[] encoded = Base64.getEncoder().encode(input.getBytes(StandardCharsets.UTF_8));
        String bar = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        RedirectView view = new RedirectView("/account/overview", true);
        view.addStaticAttribute("ref", bar);
        return view;
    }
}
