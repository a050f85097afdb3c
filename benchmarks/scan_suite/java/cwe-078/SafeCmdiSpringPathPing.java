// CWE-078 SAFE: a Spring @PathVariable reaches a fully qualified java.lang.ProcessBuilder built from java.util.Arrays.asList("/bin/sh", "-c", ...) only through a constant if/else ((500 / 42) + 186 = 197 is not > 200, so the literal branch is always taken), so the sink never receives a dangerous value.
import java.io.IOException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/cmdi")
public class SafeCmdiSpringPathPing {

    @GetMapping(value = "/pb-fqn/{host}")
    public String handle(@PathVariable("host") String host) {
        int num = 186;
        String bar;
        if ((500 / 42) + num > 200) {
            bar = host;
        } else {
            bar = "fallback";
        }
        int exitCode = -1;
        try {
            java.lang.ProcessBuilder pb = new java.lang.ProcessBuilder(
                    java.util.Arrays.asList("/bin/sh", "-c", "ping -c 1 " + bar));
            Process process = pb.start();
            exitCode = process.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return "exit=" + exitCode;
    }
}
