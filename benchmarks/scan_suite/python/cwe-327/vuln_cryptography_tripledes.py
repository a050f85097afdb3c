# CWE-327 vuln: backups are encrypted with TripleDES (64-bit block, Sweet32, deprecated) through the cryptography package
import os

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt_backup(key: bytes, data: bytes) -> bytes:
    iv = os.urandom(8)
    padder = padding.PKCS7(64).padder()
    padded = padder.update(data) + padder.finalize()
    enc = Cipher(algorithms.TripleDES(key), modes.CBC(iv)).encryptor()
    return iv + enc.update(padded) + enc.finalize()
