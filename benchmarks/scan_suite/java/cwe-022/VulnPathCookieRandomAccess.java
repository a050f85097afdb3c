// CWE-022 VULNERABLE: the value of cookie "exportName" found by looping over request.getCookies() flows through ArrayList add/get into new RandomAccessFile(new File(base, value), "r"); the request value becomes part of a file path, so ../ sequences (or an absolute path) reach files outside the intended directory.
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
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

@WebServlet(value = "/path/vulnPathCookieRandomAccess")
public class VulnPathCookieRandomAccess extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "none";
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("exportName".equals(cookie.getName())) {
                    param = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
                    break;
                }
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add("first");
        parts.add(param);
        String bar = parts.get(1);
        byte[] data = new byte[0];
        try (RandomAccessFile raf = new RandomAccessFile(new File("/data/exports", bar), "r")) {
            data = new byte[(int) Math.min(raf.length(), 65536)];
            raf.readFully(data);
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
