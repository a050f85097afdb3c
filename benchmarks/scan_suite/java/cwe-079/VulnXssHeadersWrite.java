// CWE-079 VULNERABLE: the first value of request.getHeaders("Referer"), URL-decoded flows through an ArrayList where, after remove(0), get(0) returns the tainted element into response.getWriter().write(String); the value is written into an HTML response without encoding, so <script> runs in the victim's browser.
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

@WebServlet(value = "/xss/vulnXssHeadersWrite")
public class VulnXssHeadersWrite extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> headers = request.getHeaders("Referer");
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
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("<span class=\"ref\">" + bar + "</span>");
    }
}
