// CWE-502 SAFE: the Base64 X-Client-State header is decoded and parsed with Gson into a Map of JSON values; Gson has no polymorphic type handling here, so no class choice reaches the parser.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

@WebServlet(value = "/cwe502/safeDeserHeaderGson")
public class SafeDeserHeaderGson extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String header = request.getHeader("X-Client-State");
        Map<String, Object> clientState = Map.of();
        if (header != null && !header.isEmpty()) {
            String json = new String(Base64.getMimeDecoder().decode(header), StandardCharsets.UTF_8);
            clientState = new Gson().fromJson(json, new TypeToken<Map<String, Object>>() { }.getType());
        }
        response.getWriter().println("Keys: " + clientState.size());
    }
}
