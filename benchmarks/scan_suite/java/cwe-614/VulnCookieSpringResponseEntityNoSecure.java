// CWE-614 VULNERABLE: the refresh-token ResponseCookie sets httpOnly and sameSite but never calls .secure(..), and ResponseCookie defaults to not secure.
import java.time.Duration;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/auth")
public class VulnCookieSpringResponseEntityNoSecure {

    @PostMapping("/refresh")
    public ResponseEntity<String> refresh() {
        ResponseCookie refreshCookie = ResponseCookie.from("refresh_token", UUID.randomUUID().toString())
                .httpOnly(true)
                .sameSite("Strict")
                .maxAge(Duration.ofDays(7))
                .build();
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, refreshCookie.toString()).body("refreshed");
    }
}
