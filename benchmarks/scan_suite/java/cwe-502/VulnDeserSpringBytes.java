// CWE-502 VULNERABLE: a Spring @RequestBody byte[] is handed to a private helper that calls ObjectInputStream.readObject, so the client controls the deserialised object graph.
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/settings")
public class VulnDeserSpringBytes {

    @PostMapping("/import")
    public String importSettings(@RequestBody byte[] payload) {
        Object settings = deserialize(payload);
        return "imported " + settings.getClass().getSimpleName();
    }

    private static Object deserialize(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("bad payload", e);
        }
    }
}
