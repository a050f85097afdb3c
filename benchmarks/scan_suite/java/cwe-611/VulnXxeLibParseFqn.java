// CWE-611 VULNERABLE: fully qualified javax.xml.parsers.DocumentBuilderFactory with default settings parses the caller's stream, so external entities are expanded.
public class VulnXxeLibParseFqn {

    public org.w3c.dom.Document parse(java.io.InputStream in) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setIgnoringComments(true);
        return f.newDocumentBuilder().parse(in);
    }
}
