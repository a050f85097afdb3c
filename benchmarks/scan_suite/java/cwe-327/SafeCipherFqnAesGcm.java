// CWE-327 SAFE: fully qualified javax.crypto.Cipher.getInstance("AES/GCM/NoPadding") with a random IV.
public class SafeCipherFqnAesGcm {

    public byte[] scramble(byte[] data, byte[] keyBytes) throws java.security.GeneralSecurityException {
        byte[] iv = new byte[12];
        new java.security.SecureRandom().nextBytes(iv);
        javax.crypto.spec.SecretKeySpec aesKey = new javax.crypto.spec.SecretKeySpec(keyBytes, "AES");
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, aesKey, new javax.crypto.spec.GCMParameterSpec(128, iv));
        byte[] sealed = c.doFinal(data);
        byte[] out = java.util.Arrays.copyOf(iv, iv.length + sealed.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return out;
    }
}
