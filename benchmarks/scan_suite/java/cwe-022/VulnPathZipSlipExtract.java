// CWE-022 VULNERABLE: zip slip - archive entry names (attacker controlled, e.g. "../../etc/cron.d/x") are resolved against the target directory and written without a containment check.
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

public class VulnPathZipSlipExtract {

    /**
     * Extracts an uploaded archive into a target directory.
     */
    public void extract(InputStream upload, Path targetDir) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(upload)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Path out = targetDir.resolve(entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
