// CWE-502 SAFE: same as the permissive-filter case but the ObjectInputFilter pattern ends with "!*" after allowing com.acme.orders.*, so unknown classes are rejected.
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/safeDeserStrictFilter")
public class SafeDeserStrictFilter extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ObjectInputFilter limits = ObjectInputFilter.Config.createFilter("maxdepth=20;maxbytes=65536;com.acme.orders.*;!*");
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            in.setObjectInputFilter(limits);
            Object order = in.readObject();
            response.getWriter().println("Order: " + order.getClass().getSimpleName());
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        }
    }
}
