// CWE-078 SAFE: request.getHeader("X-Expected-Host") flows through a chain of local variables into Runtime.exec with a constant command array; the executed command is a constant; the request value is only compared with the output.
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cmdi/safeCmdiHeaderFixedCommand")
public class SafeCmdiHeaderFixedCommand extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Expected-Host");
        if (param == null) {
            param = "";
        }
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
        try {
            Runtime r = Runtime.getRuntime();
            Process process = r.exec(new String[] {"/usr/bin/hostname"});
            String hostName = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean sameHost = hostName.equalsIgnoreCase(bar);
            int exitCode = process.waitFor();
            response.getWriter().println("Exit code: " + exitCode);
        } catch (IOException | InterruptedException e) {
            throw new ServletException(e);
        }
    }
}
