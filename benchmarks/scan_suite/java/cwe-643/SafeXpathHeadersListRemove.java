// CWE-643 SAFE: the first value of request.getHeaders("X-Email"), URL-decoded reaches XPath.evaluateExpression with a concatenated expression only through an ArrayList where, after remove(0), get(1) returns the literal "moresafe", so the sink never receives a dangerous value.
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

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

@WebServlet(value = "/xpath/safeXpathHeadersListRemove")
public class SafeXpathHeadersListRemove extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> headers = request.getHeaders("X-Email");
        if (headers != null && headers.hasMoreElements()) {
            param = headers.nextElement();
        }
        param = URLDecoder.decode(param, "UTF-8");
        List<String> valuesList = new ArrayList<>();
        valuesList.add("safe");
        valuesList.add(param);
        valuesList.add("moresafe");
        valuesList.remove(0); // index 0 is now the request value, index 1 is "moresafe"
        String bar = valuesList.get(1);
        String result = "none";
        try {
            Document doc = loadDirectory();
            XPath xpath = XPathFactory.newInstance().newXPath();
            String role = xpath.evaluateExpression("/directory/user[@email=\"" + bar + "\"]/role", doc, String.class);
            result = role == null || role.isEmpty() ? "none" : "found";
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
