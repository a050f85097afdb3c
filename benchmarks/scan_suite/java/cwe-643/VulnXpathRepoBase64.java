// CWE-643 VULNERABLE: the argument of a public library method flows through a Base64 encode/decode round trip into a BOOLEAN XPath built with String.format; the value is formatted into the XPath predicate, so ' or '1'='1 makes the check always true.
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;

public class VulnXpathRepoBase64 {

    private final Document directory;

    public VulnXpathRepoBase64(Document directory) {
        this.directory = directory;
    }

    public String process(String login) {
        byte[] encoded = Base64.getEncoder().encode(login.getBytes(StandardCharsets.UTF_8));
        String bar = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        String result = "none";
        try {
            Document doc = directory;
            XPath xpath = XPathFactory.newInstance().newXPath();
            String expression = String.format("count(//account[@login='%s' and @active='true']) > 0", bar);
            Boolean exists = (Boolean) xpath.evaluate(expression, doc, XPathConstants.BOOLEAN);
            result = exists ? "active" : "inactive";
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }
}
