// CWE-330 VULNERABLE: the session id cookie value comes from java.util.Random.nextLong(), a predictable 48-bit LCG, so other users' session ids can be guessed.
import java.io.IOException;
import java.util.Random;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe330/vulnRandSessionIdCookie")
public class VulnRandSessionIdCookie extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String sessionId = Long.toHexString(new Random().nextLong());
        Cookie cookie = new Cookie("sessionId", sessionId);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
        response.getWriter().println("Session started");
    }
}
