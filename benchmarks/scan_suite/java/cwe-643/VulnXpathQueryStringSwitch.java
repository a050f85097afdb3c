// CWE-643 VULNERABLE: the "author" field parsed by hand out of request.getQueryString() flows through a switch on a constant char that selects the tainted branch ("ABC".charAt(1) == 'B') into an XPath expression built with StringBuilder.append; the value is concatenated into the XPath expression, so a quote ends the literal and ' or '1'='1 rewrites the query.
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

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
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

@WebServlet(value = "/xpath/vulnXpathQueryStringSwitch")
public class VulnXpathQueryStringSwitch extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        doPost(request, response);
    }

    @Override
    public void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String queryString = request.getQueryString();
        String marker = "author=";
        String param = "";
        if (queryString != null) {
            int start = queryString.indexOf(marker);
            if (start >= 0) {
                int end = queryString.indexOf('&', start);
                param = queryString.substring(start + marker.length(), end < 0 ? queryString.length() : end);
                param = URLDecoder.decode(param, StandardCharsets.UTF_8);
            }
        }
        String selector = "ABC";
        char target = selector.charAt(1);
        String bar;
        switch (target) {
            case 'A':
                bar = "alpha";
                break;
            case 'B':
                bar = param;
                break;
            case 'C':
            case 'D':
                bar = "gamma";
                break;
            default:
                bar = "omega";
                break;
        }
        String result = "none";
        try {
            Document doc = loadDirectory();
            XPath xpath = XPathFactory.newInstance().newXPath();
            StringBuilder expression = new StringBuilder("/catalog/book[author='");
            expression.append(bar).append("']/title");
            NodeList titles = (NodeList) xpath.evaluate(expression.toString(), doc, XPathConstants.NODESET);
            result = "titles=" + titles.getLength();
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
