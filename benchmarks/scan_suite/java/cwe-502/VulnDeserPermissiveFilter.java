// CWE-502 VULNERABLE: an ObjectInputFilter is installed but it only limits depth and size ("maxdepth=20;maxbytes=65536") and has no class pattern, so every class is still allowed.
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/vulnDeserPermissiveFilter")
public class VulnDeserPermissiveFilter extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ObjectInputFilter limits = ObjectInputFilter.Config.createFilter("maxdepth=20;maxbytes=65536");
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            in.setObjectInputFilter(limits);
            Object order = in.readObject();
            response.getWriter().println("Order: " + order.getClass().getSimpleName());
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        }
    }
}
