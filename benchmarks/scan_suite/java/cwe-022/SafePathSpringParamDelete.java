// CWE-022 SAFE: a Spring @RequestParam with a default value reaches Files.deleteIfExists(Paths.get("/var/app/cache/" + value)) only through a constant if/else ((500 / 42) + 186 = 197 is not > 200, so the literal branch is always taken), so the sink never receives a dangerous value.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/path")
public class SafePathSpringParamDelete {

    @GetMapping(value = "/delete")
    public ResponseEntity<byte[]> handle(@RequestParam(value = "key", defaultValue = "") String key) {
        int num = 186;
        String bar;
        if ((500 / 42) + num > 200) {
            bar = key;
        } else {
            bar = "fallback";
        }
        byte[] data = new byte[0];
        try {
            Path victim = Paths.get("/var/app/cache/" + bar);
            data = (Files.deleteIfExists(victim) ? "deleted" : "missing").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ResponseEntity.ok(data);
    }
}
