// CWE-078 VULNERABLE: a Spring @RequestParam flows through a private helper method that returns its argument into a ProcessBuilder running /bin/bash -c with redirectErrorStream; the value becomes part of a shell command line, so ; | & or $(..) run extra commands.
import java.io.IOException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/cmdi")
public class VulnCmdiSpringConvert {

    @GetMapping(value = "/pb-redirect")
    public String handle(@RequestParam("image") String image) {
        String bar = cleanup(image);
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

    private static String cleanup(String value) {
        if (value == null) {
            return "";
        }
        return value.strip();
    }
}
