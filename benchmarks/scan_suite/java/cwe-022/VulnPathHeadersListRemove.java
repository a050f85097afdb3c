// CWE-022 VULNERABLE: the first value of request.getHeaders("X-Asset"), URL-decoded flows through an ArrayList where, after remove(0), get(0) returns the tainted element into Files.readAllBytes(Paths.get(base, value)); the request value becomes part of a file path, so ../ sequences (or an absolute path) reach files outside the intended directory.
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/vulnPathHeadersListRemove")
public class VulnPathHeadersListRemove extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> headers = request.getHeaders("X-Asset");
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
        byte[] data = new byte[0];
        Path target = Paths.get("/srv/app/static", bar);
        data = Files.readAllBytes(target);
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
