// CWE-022 SAFE: a Spring @RequestBody String reaches new File(baseDir, value) read by FileInputStream only through a HashMap read with the key that maps to a constant, so the sink never receives a dangerous value.
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/path")
public class SafePathSpringBodyMap {

    @PostMapping(value = "/file-fis")
    public ResponseEntity<byte[]> handle(@RequestBody String input) {
        Map<String, Object> holder = new HashMap<>();
        holder.put("keyA", "a-value");
        holder.put("keyB", input);
        String bar = (String) holder.get("keyA");
        byte[] data = new byte[0];
        try {
            File file = new File("/var/app/reports", bar);
            try (FileInputStream in = new FileInputStream(file)) {
                data = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ResponseEntity.ok(data);
    }
}
