// CWE-022 SAFE: request.getHeader("X-Report-Name") flows through a chain of local variables into a FileInputStream guarded by a canonical-path startsWith(base + separator) check; getCanonicalPath resolves ../ and links before the containment check.
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/safePathHeaderCanonicalCheck")
public class SafePathHeaderCanonicalCheck extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Report-Name");
        if (param == null) {
            param = "";
        }
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
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
