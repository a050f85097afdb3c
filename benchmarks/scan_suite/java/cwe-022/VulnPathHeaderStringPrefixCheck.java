// CWE-022 VULNERABLE: request.getHeader("X-Report-Name") flows through a chain of local variables into a FileInputStream guarded only by String.startsWith on the raw path; the prefix check runs on the un-normalised string, so "/var/app/reports/../../etc/passwd" passes it.
import java.io.FileInputStream;
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/vulnPathHeaderStringPrefixCheck")
public class VulnPathHeaderStringPrefixCheck extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Report-Name");
        if (param == null) {
            param = "";
        }
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
        byte[] data = new byte[0];
        String path = "/var/app/reports/" + bar;
        if (!path.startsWith("/var/app/reports/")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        try (FileInputStream in = new FileInputStream(path)) {
            data = in.readAllBytes();
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
