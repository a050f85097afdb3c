// CWE-643 SAFE: request.getParameter("login") flows directly into an XPath with a $login variable bound by setXPathVariableResolver; the value is bound as an XPath variable and never parsed as expression syntax.
import java.io.File;
import java.io.IOException;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@WebServlet(value = "/xpath/safeXpathParamResolver")
public class SafeXpathParamResolver extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = request.getParameter("login");
        if (param == null) {
            param = "";
        }
        String bar = param;
        String result = "none";
        try {
            Document doc = loadDirectory();
            XPath xpath = XPathFactory.newInstance().newXPath();
            final String loginValue = bar;
            xpath.setXPathVariableResolver(variable -> "login".equals(variable.getLocalPart()) ? loginValue : null);
            String role = xpath.evaluate("/directory/user[@login=$login]/role", doc);
            result = role.isEmpty() ? "none" : "found";
        } catch (XPathExpressionException | ParserConfigurationException | SAXException | IOException e) {
            throw new ServletException(e);
        }
        response.getWriter().println("Lookup result: " + result);
    }

    private static Document loadDirectory() throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new File("/etc/app/directory.xml"));
    }
}
