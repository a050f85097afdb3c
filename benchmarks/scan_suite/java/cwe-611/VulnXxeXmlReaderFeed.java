// CWE-611 VULNERABLE: library feed parser obtains an XMLReader from a default SAXParserFactory and parses the caller-supplied stream without disabling DOCTYPEs or external entities.
import java.io.IOException;
import java.io.InputStream;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

public class VulnXxeXmlReaderFeed {

    public int countItems(InputStream feed) throws IOException, SAXException, ParserConfigurationException {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        spf.setNamespaceAware(true);
        XMLReader reader = spf.newSAXParser().getXMLReader();
        int[] items = new int[1];
        reader.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                if ("item".equals(localName)) {
                    items[0]++;
                }
            }
        });
        reader.parse(new InputSource(feed));
        return items[0];
    }
}
