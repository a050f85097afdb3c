// CWE-611 SAFE: disallow-doctype-decl is set on the same DocumentBuilderFactory instance that creates the builder used for the request body.
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@WebServlet(value = "/cwe611/safeXxeSameFactoryInstance")
public class SafeXxeSameFactoryInstance extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        DocumentBuilderFactory hardened = DocumentBuilderFactory.newInstance();
        try {
            hardened.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = hardened.newDocumentBuilder();
            Document doc = builder.parse(request.getInputStream());
            response.getWriter().println("Nodes: " + doc.getElementsByTagName("*").getLength());
        } catch (ParserConfigurationException | SAXException e) {
            throw new ServletException(e);
        }
    }
}
