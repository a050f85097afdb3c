// CWE-078 SAFE: request.getPathInfo() (extra path after the servlet mapping) reaches Runtime.exec("cmd.exe /c dir " + value) only through a HashMap read with the key that maps to a constant, so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/cmdi/safeCmdiPathInfoMap")
public class SafeCmdiPathInfoMap extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getPathInfo();
        param = (param == null || param.length() < 2) ? "" : param.substring(1);
        Map<String, Object> holder = new HashMap<>();
        holder.put("keyA", "a-value");
        holder.put("keyB", param);
        String bar = (String) holder.get("keyA");
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
