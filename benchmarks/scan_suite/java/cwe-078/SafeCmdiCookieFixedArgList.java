// CWE-078 SAFE: the value of cookie "searchTerm" found by looping over request.getCookies() flows through ArrayList add/get into a ProcessBuilder whose argList is entirely constant; the command is fixed (no shell); the request value is only used to filter the output in Java.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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

@WebServlet(value = "/cmdi/safeCmdiCookieFixedArgList")
public class SafeCmdiCookieFixedArgList extends HttpServlet {

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
            argList.add("ls");
            argList.add("-1");
            argList.add("/var/log/app");
            ProcessBuilder pb = new ProcessBuilder();
            pb.command(argList);
            Process process = pb.start();
            int matches = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String entry;
                while ((entry = out.readLine()) != null) {
                    if (entry.contains(bar)) {
                        matches++;
                    }
                }
            }
            int exitCode = process.waitFor();
            response.getWriter().println("Exit code: " + exitCode);
        } catch (IOException | InterruptedException e) {
            throw new ServletException(e);
        }
    }
}
