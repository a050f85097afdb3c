// CWE-611 VULNERABLE: a SAXParserFactory that is only made namespace-aware and non-validating parses the @RequestBody bytes; neither setting disables external entities.
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

@RestController
@RequestMapping("/api/seo")
public class VulnXxeSaxParserSpringBody {

    @PostMapping(value = "/sitemap", consumes = "application/xml")
    public String sitemap(@RequestBody byte[] body) throws ParserConfigurationException, SAXException, IOException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        SAXParser parser = factory.newSAXParser();
        ElementCounter counter = new ElementCounter();
        parser.parse(new ByteArrayInputStream(body), counter);
        return "elements=" + counter.count();
    }

    private static final class ElementCounter extends DefaultHandler {

        private int elements;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            elements++;
        }

        int count() {
            return elements;
        }
    }
}
