# CWE-327 safe: the session payload is sealed with cryptography's AESGCM and a fresh 96-bit nonce per token
import json
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SECRET = bytes.fromhex(os.environ["SESSION_KEY_HEX"])


def seal_session(user_id, role):
    data = json.dumps({"uid": user_id, "role": role}).encode()
    nonce = os.urandom(12)
    return (nonce + AESGCM(SECRET).encrypt(nonce, data, b"session")).hex()
