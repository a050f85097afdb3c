// CWE-502 SAFE: the XML request body is read with Properties.loadFromXML, which only produces String key/value pairs (no bean instantiation as with XMLDecoder).
import java.io.IOException;
import java.util.Properties;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet(value = "/cwe502/safeDeserXmlProperties")
public class SafeDeserXmlProperties extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Properties layout = new Properties();
        layout.loadFromXML(request.getInputStream());
        response.getWriter().println("Layout keys: " + layout.size());
    }
}
