// CWE-643 VULNERABLE: the value of the first parameter whose name starts with "customer." (getParameterNames enumeration) flows through an if/else whose constant condition (500 / 42) + 196 = 207 > 200 is true and picks the input into a NUMBER XPath sum() with a concatenated predicate; the value is concatenated into the XPath expression, so a quote ends the literal and ' or '1'='1 rewrites the query.
import java.io.File;
import java.io.IOException;
import java.util.Enumeration;

import javax.servlet.ServletException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@WebServlet(value = "/xpath/vulnXpathNamesIf")
public class VulnXpathNamesIf extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String param = "";
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.startsWith("customer.")) {
                param = request.getParameter(name);
                break;
            }
        }
        int num = 196;
        String bar;
        if ((500 / 42) + num > 200) {
            bar = param;
        } else {
            bar = "fallback";
        }
        String result = "none";
        try {
            Document doc = loadDirectory();
            XPath xpath = XPathFactory.newInstance().newXPath();
            Double total = (Double) xpath.evaluate("sum(//order[@customer='" + bar + "']/amount)", doc, XPathConstants.NUMBER);
            result = "total=" + total;
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
