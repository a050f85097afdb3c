// CWE-022 SAFE: the value of the first parameter whose name starts with "report." (getParameterNames enumeration) reaches Files.readAllBytes guarded by a getAbsolutePath().startsWith check only through a constant-folded ternary ((7 * 42) - 86 = 208 > 200 is true, so the literal is always chosen), so the sink never receives a dangerous value.
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/safePathNamesTernary")
public class SafePathNamesTernary extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("report.")) {
                param = request.getParameter(name);
                break;
            }
        }
        int num = 86;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : param;
        byte[] data = new byte[0];
        File base = new File("/var/app/reports");
        File file = new File(base, bar);
        if (!file.getAbsolutePath().startsWith(base.getAbsolutePath())) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        data = Files.readAllBytes(file.toPath());
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
