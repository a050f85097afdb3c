# CWE-327 safe: 7 * 18 + 86 = 212 > 200, so the conditional picks AES.MODE_GCM; the ECB branch is dead
from Crypto.Cipher import AES


def encrypt_note(key: bytes, note: bytes) -> bytes:
    num = 86
    mode = AES.MODE_GCM if 7 * 18 + num > 200 else AES.MODE_ECB
    cipher = AES.new(key, mode)
    ciphertext, tag = cipher.encrypt_and_digest(note)
    return cipher.nonce + tag + ciphertext
