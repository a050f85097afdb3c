// CWE-502 SAFE: a look-ahead ObjectInputStream overrides resolveClass and throws InvalidClassException for any class outside a fixed allow-list before the object is created.
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Set;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/safeDeserResolveClassAllowList")
public class SafeDeserResolveClassAllowList extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try (ObjectInputStream in = new AllowListObjectInputStream(request.getInputStream())) {
            Object message = in.readObject();
            response.getWriter().println("Message class: " + message.getClass().getSimpleName());
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        }
    }

    private static final Set<String> ALLOWED_CLASSES = Set.of("com.acme.chat.ChatMessage", "java.lang.String");

    private static final class AllowListObjectInputStream extends ObjectInputStream {

        AllowListObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (!ALLOWED_CLASSES.contains(desc.getName())) {
                throw new InvalidClassException(desc.getName(), "class not allowed");
            }
            return super.resolveClass(desc);
        }
    }
}
