// CWE-798 SAFE: the master password for key derivation is typed by the operator via System.console().readPassword at start-up.
import java.io.Console;
import java.security.GeneralSecurityException;

import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

public class SafeCredsConsolePassword {

    private final char[] master;

    public SafeCredsConsolePassword(Console console) {
        this.master = console.readPassword("Master password: ");
    }

    public SecretKey deriveKey(byte[] salt) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(master, salt, 210000, 256);
        byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return new SecretKeySpec(raw, "AES");
    }
}
