// CWE-022 SAFE: request.getPathInfo() (extra path after the servlet mapping) flows through java.net.URLDecoder.decode into Files.readAllBytes of a path built from UUID.fromString(value); UUID.fromString rejects anything that is not a UUID and toString re-renders it as hex digits and dashes.
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/safePathPathInfoUuid")
public class SafePathPathInfoUuid extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getPathInfo();
        param = (param == null || param.length() < 2) ? "" : param.substring(1);
        String bar = java.net.URLDecoder.decode(param, java.nio.charset.StandardCharsets.UTF_8);
        byte[] data = new byte[0];
        UUID exportId = UUID.fromString(bar);
        data = Files.readAllBytes(Paths.get("/data/exports", exportId + ".json"));
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
