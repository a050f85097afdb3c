// CWE-502 SAFE: the request body is read with ObjectInputStream but an ObjectInputFilter allow-list ("com.acme.cart.*;java.lang.String;java.util.ArrayList;!*") rejects every other class before it is instantiated.
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/safeDeserRequestStreamFilter")
public class SafeDeserRequestStreamFilter extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ObjectInputFilter allowList = ObjectInputFilter.Config.createFilter(
                "maxdepth=10;com.acme.cart.*;java.lang.String;java.util.ArrayList;!*");
        try (ObjectInputStream in = new ObjectInputStream(request.getInputStream())) {
            in.setObjectInputFilter(allowList);
            Object cart = in.readObject();
            response.getWriter().println("Restored " + cart.getClass().getSimpleName());
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        }
    }
}
