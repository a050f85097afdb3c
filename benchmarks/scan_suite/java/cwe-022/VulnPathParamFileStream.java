// CWE-022 VULNERABLE: request.getParameter("report") flows directly into new File(baseDir, value) read by FileInputStream; the request value becomes part of a file path, so ../ sequences (or an absolute path) reach files outside the intended directory.
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/vulnPathParamFileStream")
public class VulnPathParamFileStream extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("report");
        if (param == null) {
            param = "";
        }
        String bar = param;
        byte[] data = new byte[0];
        File file = new File("/var/app/reports", bar);
        try (FileInputStream in = new FileInputStream(file)) {
            data = in.readAllBytes();
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
