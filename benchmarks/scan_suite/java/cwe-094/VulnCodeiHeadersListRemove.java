// CWE-094 VULNERABLE: the first value of request.getHeaders("X-Handler"), URL-decoded flows through an ArrayList where, after remove(0), get(0) returns the tainted element into Class.forName(..).getDeclaredConstructor().newInstance(); the request picks any class on the classpath to load and instantiate (unsafe reflection, static initialisers run).
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

@WebServlet(value = "/codei/vulnCodeiHeadersListRemove")
public class VulnCodeiHeadersListRemove extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> headers = request.getHeaders("X-Handler");
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
        Object value = null;
        try {
            Class<?> type = Class.forName(bar);
            value = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Result type: " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
