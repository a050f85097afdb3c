// CWE-078 VULNERABLE: a Spring @RequestBody String flows through a loop copying it character by character into ProcessBuilder.command(argList) running bash -c; the value becomes part of a shell command line, so ; | & or $(..) run extra commands.
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/cmdi")
public class VulnCmdiSpringBodyLoop {

    @PostMapping(value = "/pb-list")
    public String handle(@RequestBody String input) {
        StringBuilder acc = new StringBuilder();
        for (int i = 0; i < input.length(); i++) {
            acc.append(input.charAt(i));
        }
        String bar = acc.toString();
        int exitCode = -1;
        try {
            List<String> argList = new ArrayList<>();
            argList.add("bash");
            argList.add("-c");
            argList.add("grep -r " + bar + " /var/log/app");
            ProcessBuilder pb = new ProcessBuilder();
            pb.command(argList);
            Process process = pb.start();
            exitCode = process.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return "exit=" + exitCode;
    }
}
