// CWE-022 SAFE: the first value of request.getParameterValues("image") flows through a StringBuilder append chain into new FileInputStream(dir + FilenameUtils.getName(value)); FilenameUtils.getName strips every directory component, so only files directly in the upload directory can be named.
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.io.FilenameUtils;

@WebServlet(value = "/path/safePathValuesUploadGetName")
public class SafePathValuesUploadGetName extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String[] values = request.getParameterValues("image");
        String param = (values != null && values.length > 0) ? values[0] : "";
        StringBuilder sb = new StringBuilder();
        sb.append(param);
        sb.append(".png");
        String bar = sb.toString();
        byte[] data = new byte[0];
        String fileName = FilenameUtils.getName(bar);
        try (InputStream in = new FileInputStream("/var/app/uploads/" + fileName)) {
            data = in.readAllBytes();
        }
        response.setContentType("application/octet-stream");
        response.getOutputStream().write(data);
    }
}
