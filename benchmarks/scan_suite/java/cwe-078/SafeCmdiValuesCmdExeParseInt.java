// CWE-078 SAFE: the first value of request.getParameterValues("folder") reaches Runtime.exec("cmd.exe /c dir " + value) only through Integer.parseInt, which restricts the value to digits, so the sink never receives a dangerous value.
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cmdi/safeCmdiValuesCmdExeParseInt")
public class SafeCmdiValuesCmdExeParseInt extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("folder");
        String param = (values != null && values.length > 0) ? values[0] : "";
        int number = Integer.parseInt(param.trim());
        String bar = Integer.toString(number);
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
