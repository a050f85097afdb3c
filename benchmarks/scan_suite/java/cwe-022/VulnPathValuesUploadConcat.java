// CWE-022 VULNERABLE: the first value of request.getParameterValues("image") flows through a StringBuilder append chain into new FileInputStream("/var/app/uploads/" + value); the request value becomes part of a file path, so ../ sequences (or an absolute path) reach files outside the intended directory.
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/vulnPathValuesUploadConcat")
public class VulnPathValuesUploadConcat extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("image");
        String param = (values != null && values.length > 0) ? values[0] : "";
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        sb.append(".png");
        String bar = sb.toString();
        byte[] data = new byte[0];
        try (InputStream in = new FileInputStream("/var/app/uploads/" + bar)) {
            data = in.readAllBytes();
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
