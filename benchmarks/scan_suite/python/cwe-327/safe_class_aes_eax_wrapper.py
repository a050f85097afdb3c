# CWE-327 safe: the field-encryption class uses AES in EAX mode (authenticated) instead of Triple DES
from Crypto.Cipher import AES


class FieldCipher:
    def __init__(self, key: bytes):
        self.key = key

    def encrypt(self, value: str) -> bytes:
        cipher = AES.new(self.key, AES.MODE_EAX)
        ct, tag = cipher.encrypt_and_digest(value.encode())
        return cipher.nonce + tag + ct

    def decrypt(self, blob: bytes) -> str:
        nonce, tag, ct = blob[:16], blob[16:32], blob[32:]
        return AES.new(self.key, AES.MODE_EAX, nonce=nonce).decrypt_and_verify(ct, tag).decode()
