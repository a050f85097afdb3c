// CWE-601 VULNERABLE: the request body read line by line from request.getReader() flows through a HashMap put/get under the key that holds the tainted value into a manual 302 with response.setHeader("Location", value); the browser is sent to an attacker-chosen absolute URL (open redirect).
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/vulnRedirectReaderMap")
public class VulnRedirectReaderMap extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        StringBuilder body = new StringBuilder();
        try (BufferedReader reader = request.getReader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                body.append(line);
            }
        }
        String param = body.toString();
        Map<String, Object> holder = new HashMap<>();
        holder.put("keyA", "a-value");
        holder.put("keyB", param);
        String bar = (String) holder.get("keyB");
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", bar);
    }
}
