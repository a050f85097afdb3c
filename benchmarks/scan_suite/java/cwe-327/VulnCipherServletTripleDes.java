// CWE-327 VULNERABLE: a servlet encrypts the "note" parameter with "DESede/ECB/PKCS5Padding" before returning it.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe327/vulnCipherServletTripleDes")
public class VulnCipherServletTripleDes extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private SecretKey noteKey;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String note = request.getParameter("note");
        if (note == null) {
            note = "";
        }
        try {
            Cipher cipher = Cipher.getInstance("DESede/ECB/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, noteKey);
            byte[] sealed = cipher.doFinal(note.getBytes(StandardCharsets.UTF_8));
            response.getWriter().println(Base64.getEncoder().encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new ServletException(e);
        }
    }

    @Override
    public void init() throws ServletException {
        try {
            noteKey = KeyGenerator.getInstance("DESede").generateKey();
        } catch (GeneralSecurityException e) {
            throw new ServletException(e);
        }
    }
}
