// CWE-502 VULNERABLE: a @RequestParam XML string is wrapped in a ByteArrayInputStream and passed to java.beans.XMLDecoder.readObject(), which executes the method calls described in the XML.
import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/widgets")
public class VulnDeserXmlDecoderParam {

    @GetMapping("/preview")
    public String preview(@RequestParam("widget") String widgetXml) {
        ByteArrayInputStream source = new ByteArrayInputStream(widgetXml.getBytes(StandardCharsets.UTF_8));
        XMLDecoder decoder = new XMLDecoder(source);
        Object widget = decoder.readObject();
        decoder.close();
        return "widget " + widget.getClass().getSimpleName();
    }
}
