// CWE-643 SAFE: the argument of a public library method flows through a Base64 encode/decode round trip into a constant compiled XPath whose results are compared with the value in Java; the XPath text is a constant; the value is only compared with String.equals.
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

public class SafeXpathRepoCompare {

    private final Document directory;

    public SafeXpathRepoCompare(Document directory) {
        this.directory = directory;
    }

    public String process(String login) {
        byte[] encoded = Base64.getEncoder().encode(login.getBytes(StandardCharsets.UTF_8));
        String bar = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        String result = "none";
        try {
            Document doc = directory;
            XPath xpath = XPathFactory.newInstance().newXPath();
            XPathExpression logins = xpath.compile("/directory/user/@login");
            NodeList nodes = (NodeList) logins.evaluate(doc, XPathConstants.NODESET);
            int matches = 0;
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i).getNodeValue().equals(bar)) {
                    matches++;
                }
            }
            result = "matches=" + matches;
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }
}
