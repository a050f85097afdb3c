// CWE-022 SAFE: the argument of a public library method flows through a loop copying it character by character into java.io.File used only for name parsing (no file system access); the File object is never opened, listed or written; only its extension is compared with constants.
import java.io.File;
import java.nio.charset.StandardCharsets;

import org.apache.commons.io.FilenameUtils;

public class SafePathToolNameOnly {

    public byte[] process(String fileName) {
        StringBuilder acc = new StringBuilder();
        for (int i = 0; i < fileName.length(); i++) {
            acc.append(fileName.charAt(i));
        }
        String bar = acc.toString();
        byte[] data = new byte[0];
        File candidate = new File(bar);
        String extension = FilenameUtils.getExtension(candidate.getName());
        data = (SUPPORTED.contains(extension) ? "supported" : "unsupported").getBytes(StandardCharsets.UTF_8);
        return data;
    }

    private static final java.util.Set<String> SUPPORTED = java.util.Set.of("csv", "xlsx");
}
