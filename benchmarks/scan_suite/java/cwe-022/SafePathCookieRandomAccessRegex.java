// CWE-022 SAFE: the value of cookie "exportName" found by looping over request.getCookies() reaches new RandomAccessFile(new File(base, value), "r") only through a strict regex check ([A-Za-z0-9_]{1,32}) that returns early on anything else, so the sink never receives a dangerous value.
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/path/safePathCookieRandomAccessRegex")
public class SafePathCookieRandomAccessRegex extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
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
        if (!param.matches("[A-Za-z0-9_]{1,32}")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        String bar = param;
        byte[] data = new byte[0];
        try (RandomAccessFile raf = new RandomAccessFile(new File("/data/exports", bar), "r")) {
            data = new byte[(int) Math.min(raf.length(), 65536)];
            raf.readFully(data);
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
