// CWE-022 SAFE: request.getParameterMap().get("template")[0] reaches new FileReader("/etc/app/templates/" + value) only through an allow-list check that returns early unless the value is one of a few constants, so the sink never receives a dangerous value.
import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/safePathMapFileReaderAllowList")
public class SafePathMapFileReaderAllowList extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Map<String, String[]> parameters = request.getParameterMap();
        String param = "";
        String[] entry = parameters.get("template");
        if (entry != null && entry.length > 0) {
            param = entry[0];
        }
        if (!ALLOWED_VALUES.contains(param)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        String bar = param;
        byte[] data = new byte[0];
        try (BufferedReader reader = new BufferedReader(new FileReader("/etc/app/templates/" + bar))) {
            data = reader.lines().collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }

    private static final Set<String> ALLOWED_VALUES = Set.of("invoice.html", "receipt.html", "welcome.html");
}
