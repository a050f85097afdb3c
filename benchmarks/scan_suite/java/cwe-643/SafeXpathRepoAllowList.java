// CWE-643 SAFE: the argument of a public library method reaches XPath.evaluate(value, doc) where the value is the whole expression only through an allow-list check that returns early unless the value is one of a few constants, so the sink never receives a dangerous value.
import java.util.Set;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;

public class SafeXpathRepoAllowList {

    private final Document directory;

    public SafeXpathRepoAllowList(Document directory) {
        this.directory = directory;
    }

    public String process(String expression) {
        if (!ALLOWED_VALUES.contains(expression)) {
            throw new IllegalArgumentException("rejected input");
        }
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

    private static final Set<String> ALLOWED_VALUES = Set.of("count(//user)", "count(//group)");
}
