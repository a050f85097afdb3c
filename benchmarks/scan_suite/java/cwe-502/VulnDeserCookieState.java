// CWE-502 VULNERABLE: a Base64 cookie "state" is decoded and deserialised with ObjectInputStream.readObject without any class filter; cookies are fully attacker controlled.
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/vulnDeserCookieState")
public class VulnDeserCookieState extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Map<?, ?> state = null;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("state".equals(cookie.getName())) {
                    byte[] raw = Base64.getDecoder().decode(cookie.getValue());
                    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(raw))) {
                        state = (Map<?, ?>) in.readObject();
                    } catch (ClassNotFoundException e) {
                        throw new ServletException(e);
                    }
                }
            }
        }
        response.getWriter().println("Entries: " + (state == null ? 0 : state.size()));
    }
}
