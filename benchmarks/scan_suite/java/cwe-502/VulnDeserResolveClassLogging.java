// CWE-502 VULNERABLE: an ObjectInputStream subclass overrides resolveClass only to log the class name and then resolves it anyway, so every class in the request body stream is still accepted.
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.logging.Logger;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/vulnDeserResolveClassLogging")
public class VulnDeserResolveClassLogging extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try (ObjectInputStream in = new LoggingObjectInputStream(request.getInputStream())) {
            Object message = in.readObject();
            response.getWriter().println("Message class: " + message.getClass().getSimpleName());
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        }
    }

    private static final Logger LOG = Logger.getLogger("deser");

    private static final class LoggingObjectInputStream extends ObjectInputStream {

        LoggingObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            LOG.fine("resolving " + desc.getName());
            return super.resolveClass(desc);
        }
    }
}
