// CWE-614 VULNERABLE: library code creates a fully qualified javax.servlet.http.Cookie for the auth token and adds it to the response without setSecure(true).
public class VulnCookieIssuerFqn {

    public void issue(javax.servlet.http.HttpServletResponse response, String authToken) {
        javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("AUTH", authToken);
        cookie.setMaxAge(3600);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
    }
}
