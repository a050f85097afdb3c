// CWE-614 SAFE: library code creates a fully qualified javax.servlet.http.Cookie for the auth token with setSecure(true) before adding it.
public class SafeCookieIssuerFqn {

    public void issue(javax.servlet.http.HttpServletResponse response, String authToken) {
        javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("AUTH", authToken);
        cookie.setMaxAge(3600);
        cookie.setHttpOnly(true);
        cookie.setSecure(true);
        response.addCookie(cookie);
    }
}
