// CWE-327 VULNERABLE: fully qualified javax.crypto.Cipher.getInstance("DES/ECB/NoPadding") with a javax.crypto.spec.SecretKeySpec DES key.
public class VulnCipherFqnDes {

    public byte[] scramble(byte[] block, byte[] eightByteKey) throws java.security.GeneralSecurityException {
        javax.crypto.spec.SecretKeySpec desKey = new javax.crypto.spec.SecretKeySpec(eightByteKey, "DES");
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("DES/ECB/NoPadding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, desKey);
        return c.doFinal(block);
    }
}
