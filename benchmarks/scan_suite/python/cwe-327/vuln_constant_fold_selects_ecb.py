# CWE-327 vuln: the constant-folded condition (7 * 18 + 86 = 212 > 200) is true, so AES.MODE_ECB is the mode actually used
from Crypto.Cipher import AES
from Crypto.Util.Padding import pad


def encrypt_note(key: bytes, note: bytes) -> bytes:
    num = 86
    mode = AES.MODE_ECB if 7 * 18 + num > 200 else AES.MODE_GCM
    cipher = AES.new(key, mode)
    return cipher.encrypt(pad(note, 16))
