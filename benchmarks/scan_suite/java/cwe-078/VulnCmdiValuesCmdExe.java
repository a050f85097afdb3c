// CWE-078 VULNERABLE: the first value of request.getParameterValues("folder") flows through a StringBuilder append chain into Runtime.exec("cmd.exe /c dir " + value); cmd.exe /c re-parses the whole tail, so & and | chain commands.
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cmdi/vulnCmdiValuesCmdExe")
public class VulnCmdiValuesCmdExe extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("folder");
        String param = (values != null && values.length > 0) ? values[0] : "";
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        sb.append("-x");
        String bar = sb.toString();
        try {
            String command = "cmd.exe /c dir " + bar;
            Process process = Runtime.getRuntime().exec(command);
            int exitCode = process.waitFor();
            response.getWriter().println("Exit code: " + exitCode);
        } catch (IOException | InterruptedException e) {
            throw new ServletException(e);
        }
    }
}
