// CWE-601 SAFE: a Spring @CookieValue reaches ResponseEntity.status(FOUND).location(URI.create(value)) only through a lookup in a constant map (the input only selects one of its constant values), so the sink never receives a dangerous value.
import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

@Controller
@RequestMapping("/redirect")
public class SafeRedirectSpringResponseEntityLookup {

    @GetMapping(value = "/spring-entity")
    public ResponseEntity<Void> handle(@CookieValue(name = "continueUrl", defaultValue = "") String continueUrl) {
        String bar = KNOWN.getOrDefault(continueUrl, "/home");
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(bar)).build();
    }

    private static final Map<String, String> KNOWN = Map.of("home", "/home", "partner", "https://partner.example.com/welcome");
}
