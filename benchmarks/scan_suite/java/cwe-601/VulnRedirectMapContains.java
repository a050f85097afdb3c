// CWE-601 VULNERABLE: request.getParameterMap().get("target")[0] flows through an inner class method (new Test().doSomething(..)) into sendRedirect guarded by contains("example.com"); contains("example.com") is satisfied by https://evil.net/?example.com.
import java.io.IOException;
import java.util.Map;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/redirect/vulnRedirectMapContains")
public class VulnRedirectMapContains extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Map<String, String[]> parameters = request.getParameterMap();
        String param = "";
        String[] entry = parameters.get("target");
        if (entry != null && entry.length > 0) {
            param = entry[0];
        }
        String bar = new Test().doSomething(request, param);
        if (bar.contains("example.com")) {
            response.sendRedirect(bar);
        } else {
            response.sendRedirect("/");
        }
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
