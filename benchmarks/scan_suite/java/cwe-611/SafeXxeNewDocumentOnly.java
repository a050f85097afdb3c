// CWE-611 SAFE: DocumentBuilderFactory is only used to create an empty Document (newDocument) that is filled programmatically and serialised; nothing is ever parsed, so no entity can be resolved.
import java.io.StringWriter;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

@RestController
@RequestMapping("/api/health")
public class SafeXxeNewDocumentOnly {

    @GetMapping(value = "/status", produces = "application/xml")
    public String status(@RequestParam("node") String node) throws ParserConfigurationException, TransformerException {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        Element root = doc.createElement("status");
        root.setAttribute("node", node);
        root.setTextContent("UP");
        doc.appendChild(root);
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }
}
