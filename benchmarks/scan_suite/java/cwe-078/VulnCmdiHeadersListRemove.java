// CWE-078 VULNERABLE: the first value of request.getHeaders("X-Image-Name"), URL-decoded flows through an ArrayList where, after remove(0), get(0) returns the tainted element into a ProcessBuilder running /bin/bash -c with redirectErrorStream; the value becomes part of a shell command line, so ; | & or $(..) run extra commands.
import java.io.IOException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cmdi/vulnCmdiHeadersListRemove")
public class VulnCmdiHeadersListRemove extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> headers = request.getHeaders("X-Image-Name");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = URLDecoder.decode(param, "UTF-8");
        List<String> valuesList = new ArrayList<>();
        valuesList.add("safe");
        valuesList.add(param);
        valuesList.add("moresafe");
        valuesList.remove(0); // the tainted value is now at index 0
        String bar = valuesList.get(0);
        try {
            ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", "convert " + bar + " /tmp/thumbnail.png");
            builder.redirectErrorStream(true);
            Process process = builder.start();
            int exitCode = process.waitFor();
            response.getWriter().println("Exit code: " + exitCode);
        } catch (IOException | InterruptedException e) {
            throw new ServletException(e);
        }
    }
}
