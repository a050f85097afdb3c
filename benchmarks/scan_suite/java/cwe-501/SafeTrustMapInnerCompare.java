// CWE-501 SAFE: request.getParameterMap().get("userName")[0] flows through an inner class method (new Test().doSomething(..)) into HttpSession.getAttribute compared with the value; the session is only read; the request value is compared and never stored.
import java.io.IOException;
import java.util.Map;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

@WebServlet(value = "/trust/safeTrustMapInnerCompare")
public class SafeTrustMapInnerCompare extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Map<String, String[]> parameters = request.getParameterMap();
        String param = "";
        String[] entry = parameters.get("userName");
        if (entry != null && entry.length > 0) {
            param = entry[0];
        }
        String bar = new Test().doSomething(request, param);
        HttpSession session = request.getSession();
        Object current = session.getAttribute("userName");
        boolean sameUser = bar.equals(current);
        response.getWriter().println("Saved");
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
