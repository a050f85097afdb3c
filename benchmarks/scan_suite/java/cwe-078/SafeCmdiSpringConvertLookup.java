// CWE-078 SAFE: a Spring @RequestParam reaches a ProcessBuilder running /bin/bash -c with redirectErrorStream only through a lookup in a constant map (the input only selects one of its constant values), so the sink never receives a dangerous value.
import java.io.IOException;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/cmdi")
public class SafeCmdiSpringConvertLookup {

    @GetMapping(value = "/pb-redirect")
    public String handle(@RequestParam("image") String image) {
        String bar = KNOWN.getOrDefault(image, "/srv/assets/placeholder.png");
        int exitCode = -1;
        try {
            ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-c", "convert " + bar + " /tmp/thumbnail.png");
            builder.redirectErrorStream(true);
            Process process = builder.start();
            exitCode = process.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return "exit=" + exitCode;
    }

    private static final Map<String, String> KNOWN = Map.of("logo", "/srv/assets/logo.svg", "banner", "/srv/assets/banner.jpg");
}
