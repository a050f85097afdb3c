// CWE-079 SAFE: request.getParameterMap().get("quantity")[0] reaches response.getWriter().write(char[], int, int) only through Integer.parseInt, which restricts the value to digits, so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Map;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/xss/safeXssMapWriteCharsParseInt")
public class SafeXssMapWriteCharsParseInt extends HttpServlet {

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
        String[] entry = parameters.get("quantity");
        if (entry != null && entry.length > 0) {
            param = entry[0];
        }
        int number = Integer.parseInt(param.trim());
        String bar = Integer.toString(number);
        response.setContentType("text/html;charset=UTF-8");
        char[] chars = bar.toCharArray();
        response.getWriter().write(chars, 0, chars.length);
    }
}
