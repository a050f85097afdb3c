// CWE-022 VULNERABLE: request.getHeader("X-File-Name") flows through URLDecoder.decode inside try/catch (the catch keeps the raw input) into new FileOutputStream(new File(tmpdir, value)); the request chooses the name of the file that is created or overwritten, and ../ escapes the temp directory.
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/vulnPathHeaderUploadName")
public class VulnPathHeaderUploadName extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-File-Name");
        if (param == null) {
            param = "";
        }
        String bar;
        try {
            bar = URLDecoder.decode(param, "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            bar = param;
        }
        byte[] data = new byte[0];
        File destination = new File(System.getProperty("java.io.tmpdir"), bar);
        try (FileOutputStream out = new FileOutputStream(destination)) {
            data = "uploaded".getBytes(StandardCharsets.UTF_8);
            out.write(data);
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
