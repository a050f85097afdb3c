// CWE-502 SAFE: the Base64 "token" parameter is read through commons-io ValidatingObjectInputStream that accepts only the RememberToken class, so any other class is rejected in resolveClass.
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Base64;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.apache.commons.io.serialization.ValidatingObjectInputStream;

@WebServlet(value = "/cwe502/safeDeserParamValidatingStream")
public class SafeDeserParamValidatingStream extends HttpServlet {

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
        try (ValidatingObjectInputStream in = new ValidatingObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.accept(RememberToken.class);
            RememberToken restored = (RememberToken) in.readObject();
            response.getWriter().println("Token issued at " + restored.issuedAt);
        } catch (ClassNotFoundException e) {
            throw new ServletException(e);
        }
    }

    public static final class RememberToken implements Serializable {
        private static final long serialVersionUID = 1L;
        long issuedAt;
    }
}
