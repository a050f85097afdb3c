// CWE-078 SAFE: the argument of a public library method reaches Runtime.exec(String[], envp, dir) running sh -c only through a test on the input that only selects between two literals, so the sink never receives a dangerous value.
import java.io.IOException;

public class SafeCmdiToolEnvDir {

    public int process(String note) {
        String bar = note.isEmpty() ? "empty-note" : "note-received";
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
