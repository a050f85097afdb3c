# CWE-327 safe: reports are encrypted with AES-CTR and authenticated with HMAC-SHA256 over IV + ciphertext (encrypt-then-MAC)
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt_report(enc_key: bytes, mac_key: bytes, report: bytes) -> bytes:
    nonce = os.urandom(16)
    enc = Cipher(algorithms.AES(enc_key), modes.CTR(nonce)).encryptor()
    body = nonce + enc.update(report) + enc.finalize()
    return body + hmac.new(mac_key, body, hashlib.sha256).digest()
