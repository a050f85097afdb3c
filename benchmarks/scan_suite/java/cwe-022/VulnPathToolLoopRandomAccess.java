// CWE-022 VULNERABLE: the argument of a public library method flows through a loop copying it character by character into new RandomAccessFile(new File(base, value), "r"); the request value becomes part of a file path, so ../ sequences (or an absolute path) reach files outside the intended directory.
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;

public class VulnPathToolLoopRandomAccess {

    public byte[] process(String exportName) {
        StringBuilder acc = new StringBuilder();
        for (int i = 0; i < exportName.length(); i++) {
            acc.append(exportName.charAt(i));
        }
        String bar = acc.toString();
        byte[] data = new byte[0];
        try {
            try (RandomAccessFile raf = new RandomAccessFile(new File("/data/exports", bar), "r")) {
                data = new byte[(int) Math.min(raf.length(), 65536)];
                raf.readFully(data);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return data;
    }
}
