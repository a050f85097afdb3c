// CWE-078 VULNERABLE: the argument of a public library method flows through String.format into Runtime.exec(String[], envp, dir) running sh -c; the value becomes part of a shell command line, so ; | & or $(..) run extra commands.
import java.io.IOException;
import java.util.Locale;

public class VulnCmdiToolEnvDir {

    public int process(String note) {
        String bar = String.format(Locale.ROOT, "%s", note);
        int exitCode = -1;
        try {
            String[] command = new String[] {"sh", "-c", "echo " + bar + " >> notes.txt"};
            Process process = Runtime.getRuntime().exec(command, null, new java.io.File("/tmp"));
            exitCode = process.waitFor();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return exitCode;
    }
}
