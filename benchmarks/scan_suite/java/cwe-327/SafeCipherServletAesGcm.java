// CWE-327 SAFE: a servlet encrypts the "note" parameter with "AES/GCM/NoPadding" and a random IV before returning it.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe327/safeCipherServletAesGcm")
public class SafeCipherServletAesGcm extends HttpServlet {

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
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            cipher.init(Cipher.ENCRYPT_MODE, noteKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(note.getBytes(StandardCharsets.UTF_8));
            response.getWriter().println(Base64.getEncoder().encodeToString(sealed));
        } catch (GeneralSecurityException e) {
            throw new ServletException(e);
        }
    }

    @Override
    public void init() throws ServletException {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            noteKey = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new ServletException(e);
        }
    }
}
