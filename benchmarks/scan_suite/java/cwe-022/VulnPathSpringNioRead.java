// CWE-022 VULNERABLE: a Spring @RequestParam flows through a private helper method that returns its argument into Files.readAllBytes(Paths.get(base, value)); the request value becomes part of a file path, so ../ sequences (or an absolute path) reach files outside the intended directory.
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
public class VulnPathSpringNioRead {

    @GetMapping(value = "/paths-readall")
    public ResponseEntity<byte[]> handle(@RequestParam("asset") String asset) {
        String bar = cleanup(asset);
        byte[] data = new byte[0];
        try {
            Path target = Paths.get("/srv/app/static", bar);
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
