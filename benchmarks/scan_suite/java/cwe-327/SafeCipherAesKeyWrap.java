// CWE-327 SAFE: data keys are wrapped with the RFC 3394 AES key-wrap algorithm (Cipher "AESWrap") under a 256-bit key-encryption key.
import java.security.GeneralSecurityException;
import java.security.Key;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;

public class SafeCipherAesKeyWrap {

    public byte[] wrapDataKey(SecretKey keyEncryptionKey, Key dataKey) throws GeneralSecurityException {
        Cipher wrapper = Cipher.getInstance("AESWrap");
        wrapper.init(Cipher.WRAP_MODE, keyEncryptionKey);
        return wrapper.wrap(dataKey);
    }
}
