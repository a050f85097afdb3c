// CWE-078 VULNERABLE: the value of cookie "searchTerm" found by looping over request.getCookies() flows through ArrayList add/get into ProcessBuilder.command(argList) running bash -c; the value becomes part of a shell command line, so ; | & or $(..) run extra commands.
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cmdi/vulnCmdiCookieArgList")
public class VulnCmdiCookieArgList extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "none";
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("searchTerm".equals(cookie.getName())) {
                    param = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add("first");
        parts.add(param);
        String bar = parts.get(1);
        try {
            List<String> argList = new ArrayList<>();
            argList.add("bash");
            argList.add("-c");
            argList.add("grep -r " + bar + " /var/log/app");
            ProcessBuilder pb = new ProcessBuilder();
            pb.command(argList);
            Process process = pb.start();
            int exitCode = process.waitFor();
            response.getWriter().println("Exit code: " + exitCode);
        } catch (IOException | InterruptedException e) {
            throw new ServletException(e);
        }
    }
}
