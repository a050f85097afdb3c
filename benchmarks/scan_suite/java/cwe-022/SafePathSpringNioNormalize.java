// CWE-022 SAFE: a Spring @RequestParam flows through a private helper method that returns its argument into Files.readAllBytes guarded by resolve().normalize().startsWith(base); the normalised path is checked component-wise against the base directory.
import java.io.IOException;
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
public class SafePathSpringNioNormalize {

    @GetMapping(value = "/nio-normalize")
    public ResponseEntity<byte[]> handle(@RequestParam("asset") String asset) {
        String bar = cleanup(asset);
        byte[] data = new byte[0];
        try {
            Path base = Paths.get("/srv/app/static").toAbsolutePath().normalize();
            Path target = base.resolve(bar).normalize();
            if (!target.startsWith(base)) {
                throw new IllegalArgumentException("rejected input");
            }
            data = Files.readAllBytes(target);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ResponseEntity.ok(data);
    }

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
