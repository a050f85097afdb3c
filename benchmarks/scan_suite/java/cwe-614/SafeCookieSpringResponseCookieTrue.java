// CWE-614 SAFE: the Spring ResponseCookie for the JWT is built with .secure(true).
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/auth")
public class SafeCookieSpringResponseCookieTrue {

    @PostMapping("/login")
    public String login(HttpServletResponse response) {
        String jwt = UUID.randomUUID().toString();
        ResponseCookie cookie = ResponseCookie.from("jwt", jwt)
                .httpOnly(true)
                .secure(true)
                .path("/")
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        return "ok";
    }
}
