// CWE-078 SAFE: request.getParameter("host") reaches r.exec(String[]) of /bin/sh -c through a Runtime alias only through a strict regex check ([A-Za-z0-9_]{1,32}) that returns early on anything else, so the sink never receives a dangerous value.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cmdi/safeCmdiParamRuntimeShellRegex")
public class SafeCmdiParamRuntimeShellRegex extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("host");
        if (param == null) {
            param = "";
        }
        if (!param.matches("[A-Za-z0-9_]{1,32}")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
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
