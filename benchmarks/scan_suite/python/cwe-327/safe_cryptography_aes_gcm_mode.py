# CWE-327 safe: same email encryption shape, but AES runs in modes.GCM with a random IV and the tag is stored
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt_email(key: bytes, email: str) -> bytes:
    iv = os.urandom(12)
    encryptor = Cipher(algorithms.AES(key), modes.GCM(iv)).encryptor()
    ct = encryptor.update(email.encode()) + encryptor.finalize()
    return iv + encryptor.tag + ct
