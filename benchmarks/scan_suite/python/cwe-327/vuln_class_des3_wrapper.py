# CWE-327 vuln: a field-encryption helper class wraps pycryptodome DES3 (Triple DES, 64-bit block) for database columns
from Crypto.Cipher import DES3
from Crypto.Random import get_random_bytes
from Crypto.Util.Padding import pad, unpad


class FieldCipher:
    def __init__(self, key: bytes):
        self.key = DES3.adjust_key_parity(key)

    def encrypt(self, value: str) -> bytes:
        iv = get_random_bytes(8)
        return iv + DES3.new(self.key, DES3.MODE_CBC, iv).encrypt(pad(value.encode(), 8))

    def decrypt(self, blob: bytes) -> str:
        iv, body = blob[:8], blob[8:]
        return unpad(DES3.new(self.key, DES3.MODE_CBC, iv).decrypt(body), 8).decode()
