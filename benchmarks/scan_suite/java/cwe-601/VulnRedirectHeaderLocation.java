// CWE-601 VULNERABLE: request.getHeader("X-Return-To") flows through a chain of local variables into a manual 302 with response.setHeader("Location", value); the browser is sent to an attacker-chosen absolute URL (open redirect).
import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/vulnRedirectHeaderLocation")
public class VulnRedirectHeaderLocation extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getHeader("X-Return-To");
        if (param == null) {
            param = "";
        }
        String alias = param;
        String stripped = alias.strip();
        String bar = stripped;
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", bar);
    }
}
