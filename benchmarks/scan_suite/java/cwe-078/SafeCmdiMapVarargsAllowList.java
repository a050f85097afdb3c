// CWE-078 SAFE: request.getParameterMap().get("archive")[0] reaches new ProcessBuilder("sh", "-c", ...).start() only through an allow-list check that returns early unless the value is one of a few constants, so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Map;
import java.util.Set;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cmdi/safeCmdiMapVarargsAllowList")
public class SafeCmdiMapVarargsAllowList extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Map<String, String[]> parameters = request.getParameterMap();
        String param = "";
        String[] entry = parameters.get("archive");
        if (entry != null && entry.length > 0) {
            param = entry[0];
        }
        if (!ALLOWED_VALUES.contains(param)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        String bar = param;
        try {
            Process process = new ProcessBuilder("sh", "-c", "tar -czf /tmp/export.tgz " + bar).start();
            int exitCode = process.waitFor();
            response.getWriter().println("Exit code: " + exitCode);
        } catch (IOException | InterruptedException e) {
            throw new ServletException(e);
        }
    }

    private static final Set<String> ALLOWED_VALUES = Set.of("reports", "invoices", "exports");
}
