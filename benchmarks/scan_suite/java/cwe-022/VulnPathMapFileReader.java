// CWE-022 VULNERABLE: request.getParameterMap().get("template")[0] flows through an inner class method (new Test().doSomething(..)) into new FileReader("/etc/app/templates/" + value); the request value becomes part of a file path, so ../ sequences (or an absolute path) reach files outside the intended directory.
import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/vulnPathMapFileReader")
public class VulnPathMapFileReader extends HttpServlet {

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
        String[] entry = parameters.get("template");
        if (entry != null && entry.length > 0) {
            param = entry[0];
        }
        String bar = new Test().doSomething(request, param);
        byte[] data = new byte[0];
        try (BufferedReader reader = new BufferedReader(new FileReader("/etc/app/templates/" + bar))) {
            data = reader.lines().collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8);
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }

    private class Test {

        public String doSomething(HttpServletRequest request, String param) {
            String result = "fallback";
            if (param != null && !param.isEmpty()) {
                result = param;
            }
            return result;
        }
    }
}
