// CWE-078 SAFE: a Spring @RequestBody String flows through a loop copying it character by character into a ProcessBuilder whose argList is entirely constant; the command is fixed (no shell); the request value is only used to filter the output in Java.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/cmdi")
public class SafeCmdiSpringBodyFixed {

    @PostMapping(value = "/pb-fixed-filter")
    public String handle(@RequestBody String input) {
        StringBuilder acc = new StringBuilder();
        for (int i = 0; i < input.length(); i++) {
            acc.append(input.charAt(i));
        }
        String bar = acc.toString();
        int exitCode = -1;
        try {
            List<String> argList = new ArrayList<>();
            argList.add("ls");
            argList.add("-1");
            argList.add("/var/log/app");
            ProcessBuilder pb = new ProcessBuilder();
            pb.command(argList);
            Process process = pb.start();
            int matches = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String entry;
                while ((entry = out.readLine()) != null) {
                    if (entry.contains(bar)) {
                        matches++;
                    }
                }
            }
            exitCode = process.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return "exit=" + exitCode;
    }
}
