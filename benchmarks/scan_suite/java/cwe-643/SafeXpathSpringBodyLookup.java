// CWE-643 SAFE: a Spring @RequestBody String reaches XPath.evaluate(value, doc) where the value is the whole expression only through a lookup in a constant map (the input only selects one of its constant values), so the sink never receives a dangerous value.
import java.io.File;
import java.io.IOException;
import java.util.Map;

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
public class SafeXpathSpringBodyLookup {

    @PostMapping(value = "/whole-expr")
    public String handle(@RequestBody String input) {
        String bar = KNOWN.getOrDefault(input, "count(//user)");
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

    private static final Map<String, String> KNOWN = Map.of("users", "count(//user)", "groups", "count(//group)");

    private static Document loadDirectory() throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new File("/etc/app/directory.xml"));
    }
}
