// CWE-502 VULNERABLE: the "token" request parameter is URL-safe Base64 decoded and read with ObjectInputStream.readUnshared(), which deserialises arbitrary classes just like readObject().
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Base64;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/vulnDeserParamUnshared")
public class VulnDeserParamUnshared extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String token = request.getParameter("token");
        if (token == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        ObjectInputStream objectIn = new ObjectInputStream(new ByteArrayInputStream(bytes));
        try {
            Object restored = objectIn.readUnshared();
            response.getWriter().println("Token type: " + restored.getClass().getName());
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        } finally {
            objectIn.close();
        }
    }
}
