// CWE-022 SAFE: request.getParameter("report") flows directly into a FileInputStream guarded by a canonical-path startsWith(base + separator) check; getCanonicalPath resolves ../ and links before the containment check.
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/safePathParamCanonical")
public class SafePathParamCanonical extends HttpServlet {

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
        File baseDir = new File("/var/app/reports");
        File file = new File(baseDir, bar);
        String basePath = baseDir.getCanonicalPath() + File.separator;
        if (!file.getCanonicalPath().startsWith(basePath)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        try (FileInputStream in = new FileInputStream(file)) {
            data = in.readAllBytes();
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
