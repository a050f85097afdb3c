// CWE-330 SAFE: the session id cookie value is 128 bits from java.security.SecureRandom.
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe330/safeRandSessionIdCookie")
public class SafeRandSessionIdCookie extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        byte[] raw = new byte[16];
        new SecureRandom().nextBytes(raw);
        String sessionId = HexFormat.of().formatHex(raw);
        Cookie cookie = new Cookie("sessionId", sessionId);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
        response.getWriter().println("Session started");
    }
}
