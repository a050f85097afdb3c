// CWE-078 SAFE: a parameter NAME (attacker controlled) found through request.getParameterNames() reaches r.exec(String[]) of /bin/sh -c through a Runtime alias only through a constant-folded ternary ((7 * 42) - 86 = 208 > 200 is true, so the literal is always chosen), so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cmdi/safeCmdiNamesTernary")
public class SafeCmdiNamesTernary extends HttpServlet {

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
        Enumeration<String> parameterNames = request.getParameterNames();
        while (parameterNames.hasMoreElements()) {
            String candidate = parameterNames.nextElement();
            if (candidate.startsWith("lookup_")) {
                param = candidate.substring("lookup_".length());
            }
        }
        int num = 86;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : param;
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
