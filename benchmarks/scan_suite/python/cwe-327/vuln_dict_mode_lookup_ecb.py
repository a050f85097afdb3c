# CWE-327 vuln: the mode table maps "default" to ECB and the encryptor reads the "default" entry
from Crypto.Cipher import AES
from Crypto.Util.Padding import pad

MODES = {"default": AES.MODE_ECB, "stream": AES.MODE_CTR}


def encrypt_blob(key: bytes, blob: bytes) -> bytes:
    chosen = MODES["default"]
    cipher = AES.new(key, chosen)
    return cipher.encrypt(pad(blob, AES.block_size))
