# CWE-327 vuln: AES with modes.ECB() in the cryptography package encrypts stored email addresses (deterministic, pattern-leaking)
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt_email(key: bytes, email: str) -> bytes:
    padder = padding.PKCS7(128).padder()
    data = padder.update(email.encode()) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return encryptor.update(data) + encryptor.finalize()
