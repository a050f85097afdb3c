// CWE-022 VULNERABLE: the argument of a public library method flows through String.format into Files.write(notesDir.resolve(value), ..); Path.resolve keeps ../ segments and even accepts an absolute path, so any file can be overwritten.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

public class VulnPathStoreWriteResolve {

    public byte[] process(String noteName) {
        String bar = String.format(Locale.ROOT, "%s", noteName);
        byte[] data = new byte[0];
        try {
            Path notes = Paths.get("/var/app/notes");
            Path target = notes.resolve(bar);
            data = "draft".getBytes(StandardCharsets.UTF_8);
            Files.write(target, data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return data;
    }
}
