// CWE-328 VULNERABLE: Apache commons-codec DigestUtils.md5Hex is used to store account passwords.
import org.apache.commons.codec.digest.DigestUtils;

public class VulnHashCommonsCodecMd5 {

    public String storedForm(String username, String password) {
        return DigestUtils.md5Hex(username + ":" + password);
    }
}
