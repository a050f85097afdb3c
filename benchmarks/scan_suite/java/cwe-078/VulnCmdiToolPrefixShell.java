// CWE-078 VULNERABLE: the argument of a public library method flows by string concatenation into a StringBuilder-built shell command passed to Runtime.exec(String[]); the value becomes part of a shell command line, so ; | & or $(..) run extra commands.
import java.io.IOException;

public class VulnCmdiToolPrefixShell {

    public int process(String share) {
        String bar = "item-" + share;
        int exitCode = -1;
        try {
            StringBuilder line = new StringBuilder("du -sh /srv/share/");
            line.append(bar).append(" | tail -n 1");
            Runtime runtime = Runtime.getRuntime();
            Process process = runtime.exec(new String[] {"/bin/bash", "-c", line.toString()});
            exitCode = process.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return exitCode;
    }
}
