# CWE-327 safe: the mode table still lists ECB under "legacy", but the encryptor reads "default", which maps to GCM
from Crypto.Cipher import AES

MODES = {"default": AES.MODE_GCM, "legacy": AES.MODE_ECB}


def encrypt_blob(key: bytes, blob: bytes) -> bytes:
    chosen = MODES["default"]
    cipher = AES.new(key, chosen)
    ciphertext, tag = cipher.encrypt_and_digest(blob)
    return cipher.nonce + tag + ciphertext
