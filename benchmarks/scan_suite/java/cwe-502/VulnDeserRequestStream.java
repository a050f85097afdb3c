// CWE-502 VULNERABLE: ObjectInputStream.readObject() on the raw request body (request.getInputStream()), so any gadget chain on the classpath can be triggered by the client.
import java.io.IOException;
import java.io.ObjectInputStream;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/vulnDeserRequestStream")
public class VulnDeserRequestStream extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            Object cart = in.readObject();
            response.getWriter().println("Restored " + cart.getClass().getSimpleName());
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        }
    }
}
