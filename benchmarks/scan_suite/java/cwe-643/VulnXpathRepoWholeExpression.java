// CWE-643 VULNERABLE: the argument of a public library method flows directly into XPath.evaluate(value, doc) where the value is the whole expression; the request supplies the complete XPath expression (blind extraction of the whole document).
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;

public class VulnXpathRepoWholeExpression {

    private final Document directory;

    public VulnXpathRepoWholeExpression(Document directory) {
        this.directory = directory;
    }

    public String process(String expression) {
        String bar = expression;
        String result = "none";
        try {
            Document doc = directory;
            XPath xpath = XPathFactory.newInstance().newXPath();
            String value = xpath.evaluate(bar, doc);
            result = value.isEmpty() ? "empty" : "non-empty";
        } catch (XPathExpressionException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }
}
