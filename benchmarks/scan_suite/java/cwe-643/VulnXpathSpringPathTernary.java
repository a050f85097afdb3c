// CWE-643 VULNERABLE: a Spring @PathVariable flows through a ternary whose constant condition (7 * 42) - 106 = 188 > 200 is false and picks the input into XPath.compile(..).evaluate(doc, NODESET) with a concatenated expression; the value is concatenated into the XPath expression, so a quote ends the literal and ' or '1'='1 rewrites the query.
import java.io.File;
import java.io.IOException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

@RestController
@RequestMapping("/xpath")
public class VulnXpathSpringPathTernary {

    @GetMapping(value = "/compile-nodeset/{name}")
    public String handle(@PathVariable("name") String name) {
        int num = 106;
        String bar = (7 * 42) - num > 200 ? "This should be safe" : name;
        String result = "none";
        try {
            Document doc = loadDirectory();
            XPath xpath = XPathFactory.newInstance().newXPath();
            XPathExpression compiled = xpath.compile("//employee[name/text()='" + bar + "']/salary");
            NodeList nodes = (NodeList) compiled.evaluate(doc, XPathConstants.NODESET);
            result = "matches=" + nodes.getLength();
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
