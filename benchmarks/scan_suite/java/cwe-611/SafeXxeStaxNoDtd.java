// CWE-611 SAFE: the XMLInputFactory sets XMLInputFactory.SUPPORT_DTD to false before reading the @RequestBody, so DOCTYPEs and entity declarations are not processed.
import java.io.StringReader;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/import")
public class SafeXxeStaxNoDtd {

    @PostMapping(value = "/orders", consumes = "application/xml")
    public String importOrders(@RequestBody String body) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newInstance();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(body));
        int orders = 0;
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT && "order".equals(reader.getLocalName())) {
                orders++;
            }
        }
        reader.close();
        return "orders=" + orders;
    }
}
