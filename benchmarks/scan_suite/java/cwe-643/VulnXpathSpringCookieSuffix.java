// CWE-643 VULNERABLE: a Spring @CookieValue flows by string concatenation into an XPath expression built with StringBuilder.append; the value is concatenated into the XPath expression, so a quote ends the literal and ' or '1'='1 rewrites the query.
import java.io.File;
import java.io.IOException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

@RestController
@RequestMapping("/xpath")
public class VulnXpathSpringCookieSuffix {

    @GetMapping(value = "/sb-expr")
    public String handle(@CookieValue(name = "author", defaultValue = "") String author) {
        String bar = author + " Jr.";
        String result = "none";
        try {
            Document doc = loadDirectory();
            XPath xpath = XPathFactory.newInstance().newXPath();
            StringBuilder expression = new StringBuilder("/catalog/book[author='");
            expression.append(bar).append("']/title");
            NodeList titles = (NodeList) xpath.evaluate(expression.toString(), doc, XPathConstants.NODESET);
            result = "titles=" + titles.getLength();
        } catch (XPathExpressionException | ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    private static Document loadDirectory() throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new File("/etc/app/directory.xml"));
    }
}
