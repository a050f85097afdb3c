// CWE-611 VULNERABLE: an uploaded multipart file (request.getPart("file")) is parsed by a default DocumentBuilder, so a DOCTYPE in the upload can reference external entities.
import java.io.IOException;
import java.io.InputStream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@MultipartConfig
@WebServlet(value = "/cwe611/vulnXxeDocumentBuilderUpload")
public class VulnXxeDocumentBuilderUpload extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        Part upload = request.getPart("file");
        try (InputStream in = upload.getInputStream()) {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            response.getWriter().println("Entries: " + doc.getElementsByTagName("entry").getLength());
        } catch (ParserConfigurationException | SAXException e) {
            throw new ServletException(e);
        }
    }
}
