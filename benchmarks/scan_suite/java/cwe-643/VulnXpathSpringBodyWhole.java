// CWE-643 VULNERABLE: a Spring @RequestBody String flows through URLDecoder.decode inside try/catch (the catch keeps the raw input) into XPath.evaluate(value, doc) where the value is the whole expression; the request supplies the complete XPath expression (blind extraction of the whole document).
import java.io.File;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@RestController
@RequestMapping("/xpath")
public class VulnXpathSpringBodyWhole {

    @PostMapping(value = "/whole-expr")
    public String handle(@RequestBody String input) {
        String bar;
        try {
            bar = URLDecoder.decode(input, "UTF-8");
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            bar = input;
        }
        String result = "none";
        try {
            Document doc = loadDirectory();
            XPath xpath = XPathFactory.newInstance().newXPath();
            String value = xpath.evaluate(bar, doc);
            result = value.isEmpty() ? "empty" : "non-empty";
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
