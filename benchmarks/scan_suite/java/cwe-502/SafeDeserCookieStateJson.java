// CWE-502 SAFE: the Base64 "state" cookie is parsed as JSON into a concrete CartState class with a plain Jackson ObjectMapper (no default typing), so the client cannot choose which classes are created.
import java.io.IOException;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/safeDeserCookieStateJson")
public class SafeDeserCookieStateJson extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        CartState state = null;
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("state".equals(cookie.getName())) {
                    byte[] raw = Base64.getDecoder().decode(cookie.getValue());
                    state = MAPPER.readValue(raw, CartState.class);
                }
            }
        }
        response.getWriter().println("Items: " + (state == null ? 0 : state.itemCount));
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static class CartState {
        public int itemCount;
        public String currency;
    }
}
