// CWE-078 SAFE: the argument of a public library method reaches a fully qualified java.lang.ProcessBuilder built from java.util.Arrays.asList("/bin/sh", "-c", ...) only through Integer.parseInt, which restricts the value to digits, so the sink never receives a dangerous value.
import java.io.IOException;

public class SafeCmdiToolParseIntPing {

    public int process(String count) {
        int number = Integer.parseInt(count.trim());
        String bar = Integer.toString(number);
        int exitCode = -1;
        try {
            java.lang.ProcessBuilder pb = new java.lang.ProcessBuilder(
                    java.util.Arrays.asList("/bin/sh", "-c", "ping -c 1 " + bar));
            Process process = pb.start();
            exitCode = process.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return exitCode;
    }
}
