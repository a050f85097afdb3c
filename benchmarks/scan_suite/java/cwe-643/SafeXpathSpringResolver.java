// CWE-643 SAFE: a Spring @RequestParam flows through a private helper method that returns its argument into an XPath with a $login variable bound by setXPathVariableResolver; the value is bound as an XPath variable and never parsed as expression syntax.
import java.io.File;
import java.io.IOException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

@RestController
@RequestMapping("/xpath")
public class SafeXpathSpringResolver {

    @GetMapping(value = "/resolver")
    public String handle(@RequestParam("login") String login) {
        String bar = cleanup(login);
        String result = "none";
        try {
            Document doc = loadDirectory();
            XPath xpath = XPathFactory.newInstance().newXPath();
            final String loginValue = bar;
            xpath.setXPathVariableResolver(variable -> "login".equals(variable.getLocalPart()) ? loginValue : null);
            String role = xpath.evaluate("/directory/user[@login=$login]/role", doc);
            result = role.isEmpty() ? "none" : "found";
        } catch (XPathExpressionException | ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }

    private static Document loadDirectory() throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new File("/etc/app/directory.xml"));
    }
}
