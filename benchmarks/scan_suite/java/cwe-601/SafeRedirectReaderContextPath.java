// CWE-601 SAFE: the request body read line by line from request.getReader() flows through a chain of local variables into sendRedirect to getContextPath() plus a constant path; the context path is the deployment path chosen by the container and the rest is a literal.
import java.io.BufferedReader;
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/safeRedirectReaderContextPath")
public class SafeRedirectReaderContextPath extends HttpServlet {

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
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
        String target = "/orders".equals(bar) ? "/orders" : "/dashboard";
        response.sendRedirect(request.getContextPath() + target);
    }
}
