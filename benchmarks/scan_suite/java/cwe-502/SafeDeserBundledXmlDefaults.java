// CWE-502 SAFE: XMLDecoder reads only a layout file bundled inside the application jar (a classpath resource with a constant name); no request or user data is deserialised.
import java.beans.XMLDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

public class SafeDeserBundledXmlDefaults {

    public Object loadDefaultLayout() {
        try (InputStream in = SafeDeserBundledXmlDefaults.class.getResourceAsStream("/defaults/layout.xml");
                XMLDecoder decoder = new XMLDecoder(in)) {
            return decoder.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
