// CWE-502 VULNERABLE: the X-Client-State header is Base64 decoded and cast from ObjectInputStream.readObject() to a HashMap; the cast happens only after the gadget has already run.
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Base64;
import java.util.HashMap;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/vulnDeserHeaderHashMap")
public class VulnDeserHeaderHashMap extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String header = request.getHeader("X-Client-State");
        HashMap<String, Object> clientState = new HashMap<>();
        if (header != null && !header.isEmpty()) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getMimeDecoder().decode(header)))) {
                @SuppressWarnings("unchecked")
                HashMap<String, Object> decoded = (HashMap<String, Object>) in.readObject();
                clientState = decoded;
            } catch (ClassNotFoundException e) {
                throw new ServletException(e);
            }
        }
        response.getWriter().println("Keys: " + clientState.size());
    }
}
