// CWE-078 SAFE: the first value of request.getHeaders("X-Image-Name"), URL-decoded reaches a ProcessBuilder running /bin/bash -c with redirectErrorStream only through an ArrayList where, after remove(0), get(1) returns the literal "moresafe", so the sink never receives a dangerous value.
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

@WebServlet(value = "/cmdi/safeCmdiHeadersListRemove")
public class SafeCmdiHeadersListRemove extends HttpServlet {

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
        valuesList.remove(0); // index 0 is now the request value, index 1 is "moresafe"
        String bar = valuesList.get(1);
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
