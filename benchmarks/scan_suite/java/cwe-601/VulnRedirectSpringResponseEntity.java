// CWE-601 VULNERABLE: a Spring @CookieValue flows through Optional.ofNullable(..).map(..).orElse(..) into ResponseEntity.status(FOUND).location(URI.create(value)); the browser is sent to an attacker-chosen absolute URL (open redirect).
import java.net.URI;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

@Controller
@RequestMapping("/redirect")
public class VulnRedirectSpringResponseEntity {

    @GetMapping(value = "/spring-entity")
    public ResponseEntity<Void> handle(@CookieValue(name = "continueUrl", defaultValue = "") String continueUrl) {
        String bar = Optional.ofNullable(continueUrl).map(String::trim).orElse("");
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(bar)).build();
    }
}
