// CWE-022 SAFE: the argument of a public library method reaches Files.write(notesDir.resolve(value), ..) only through Integer.parseInt, which restricts the value to digits, so the sink never receives a dangerous value.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

public class SafePathStoreWriteParseInt {

    public byte[] process(String noteNumber) {
        int number = Integer.parseInt(noteNumber.trim());
        String bar = Integer.toString(number);
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
