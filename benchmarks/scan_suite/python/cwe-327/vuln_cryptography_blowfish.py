# CWE-327 vuln: Blowfish (64-bit block cipher) in CBC mode encrypts user documents
import os

from cryptography.hazmat.decrepit.ciphers.algorithms import Blowfish
from cryptography.hazmat.primitives.ciphers import Cipher, modes


class DocumentVault:
    def __init__(self, key):
        self.key = key

    def encrypt(self, plaintext: bytes) -> bytes:
        iv = os.urandom(8)
        padded = plaintext + b"\x00" * (-len(plaintext) % 8)
        enc = Cipher(Blowfish(self.key), modes.CBC(iv)).encryptor()
        return iv + enc.update(padded) + enc.finalize()
