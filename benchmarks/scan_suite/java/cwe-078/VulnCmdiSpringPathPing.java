// CWE-078 VULNERABLE: a Spring @PathVariable flows through an if/else whose constant condition (500 / 42) + 196 = 207 > 200 is true and picks the input into a fully qualified java.lang.ProcessBuilder built from java.util.Arrays.asList("/bin/sh", "-c", ...); the value becomes part of a shell command line, so ; | & or $(..) run extra commands.
import java.io.IOException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/cmdi")
public class VulnCmdiSpringPathPing {

    @GetMapping(value = "/pb-fqn/{host}")
    public String handle(@PathVariable("host") String host) {
        int num = 196;
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
