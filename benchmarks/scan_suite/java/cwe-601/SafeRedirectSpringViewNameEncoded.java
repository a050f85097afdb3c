// CWE-601 SAFE: a Spring @RequestParam flows through a private helper method that returns its argument into a "redirect:" view name with the value encoded as one path segment; the target always starts with the local path /products/ and the encoded segment cannot add a host.
import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

@Controller
@RequestMapping("/redirect")
public class SafeRedirectSpringViewNameEncoded {

    @GetMapping(value = "/spring-redirect-path")
    public String handle(@RequestParam("returnTo") String returnTo) {
        String bar = cleanup(returnTo);
        return "redirect:/products/" + UriUtils.encodePathSegment(bar, StandardCharsets.UTF_8);
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
