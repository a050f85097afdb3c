// CWE-078 VULNERABLE: request.getParameter("host") flows directly into r.exec(String[]) of /bin/sh -c through a Runtime alias; the value becomes part of a shell command line, so ; | & or $(..) run extra commands.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cmdi/vulnCmdiParamRuntimeShell")
public class VulnCmdiParamRuntimeShell extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("host");
        if (param == null) {
            param = "";
        }
        String bar = param;
        try {
            String[] cmd = {"/bin/sh", "-c", "nslookup " + bar};
            Runtime r = Runtime.getRuntime();
            Process process = r.exec(cmd);
            int exitCode = process.waitFor();
            response.getWriter().println("Exit code: " + exitCode);
        } catch (IOException | InterruptedException e) {
            throw new ServletException(e);
        }
    }
}
