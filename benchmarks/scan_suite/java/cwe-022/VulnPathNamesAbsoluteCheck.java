// CWE-022 VULNERABLE: the value of the first parameter whose name starts with "report." (getParameterNames enumeration) flows through a ternary whose constant condition (7 * 42) - 106 = 188 > 200 is false and picks the input into Files.readAllBytes guarded by a getAbsolutePath().startsWith check; getAbsolutePath does not remove ../ segments, so the startsWith check is always passed.
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/vulnPathNamesAbsoluteCheck")
public class VulnPathNamesAbsoluteCheck extends HttpServlet {

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
        int num = 106;
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
