// CWE-502 SAFE: the @RequestBody byte[] is decoded field by field with DataInputStream (readInt/readUTF) instead of ObjectInputStream, so no object graph or class name comes from the client.
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/settings")
public class SafeDeserSpringBytesData {

    @PostMapping("/import")
    public String importSettings(@RequestBody byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readInt();
            String theme = in.readUTF();
            return "imported v" + version + " theme length " + theme.length();
        } catch (IOException e) {
            throw new IllegalArgumentException("bad payload", e);
        }
    }
}
