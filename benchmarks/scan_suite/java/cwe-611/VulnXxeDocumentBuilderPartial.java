// CWE-611 VULNERABLE: the DocumentBuilderFactory only sets namespace awareness, validation off and XInclude off; none of these disable DOCTYPEs or external entities in the "xml" request parameter.
import java.io.IOException;
import java.io.StringReader;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

@WebServlet(value = "/cwe611/vulnXxeDocumentBuilderPartial")
public class VulnXxeDocumentBuilderPartial extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String xml = request.getParameter("xml");
        if (xml == null) {
            xml = "<empty/>";
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            response.getWriter().println("Children: " + doc.getDocumentElement().getChildNodes().getLength());
        } catch (ParserConfigurationException | SAXException e) {
            throw new ServletException(e);
        }
    }
}
