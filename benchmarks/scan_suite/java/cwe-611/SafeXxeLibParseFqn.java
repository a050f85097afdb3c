// CWE-611 SAFE: fully qualified javax.xml.parsers.DocumentBuilderFactory with disallow-doctype-decl set to true before the caller's stream is parsed.
public class SafeXxeLibParseFqn {

    public org.w3c.dom.Document parse(java.io.InputStream in) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setIgnoringComments(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(in);
    }
}
