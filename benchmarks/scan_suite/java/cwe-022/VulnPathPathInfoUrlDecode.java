// CWE-022 VULNERABLE: request.getPathInfo() (extra path after the servlet mapping) flows through java.net.URLDecoder.decode into new FileInputStream("/var/app/uploads/" + value); the request value becomes part of a file path, so ../ sequences (or an absolute path) reach files outside the intended directory.
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/vulnPathPathInfoUrlDecode")
public class VulnPathPathInfoUrlDecode extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getPathInfo();
        param = (param == null || param.length() < 2) ? "" : param.substring(1);
        String bar = java.net.URLDecoder.decode(param, java.nio.charset.StandardCharsets.UTF_8);
        byte[] data = new byte[0];
        try (InputStream in = new FileInputStream("/var/app/uploads/" + bar)) {
            data = in.readAllBytes();
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
