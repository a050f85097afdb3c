// CWE-611 VULNERABLE: a javax.xml.validation.Validator with default properties validates caller-supplied XML; the validator parses the instance document with external entity resolution enabled.
import java.io.File;
import java.io.IOException;
import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.SAXException;

public class VulnXxeSchemaValidator {

    public boolean isValidOrder(InputStream orderXml) throws IOException {
        try {
            SchemaFactory schemaFactory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Schema schema = schemaFactory.newSchema(new File("/etc/app/order.xsd"));
            Validator validator = schema.newValidator();
            validator.validate(new StreamSource(orderXml));
            return true;
        } catch (SAXException e) {
            return false;
        }
    }
}
