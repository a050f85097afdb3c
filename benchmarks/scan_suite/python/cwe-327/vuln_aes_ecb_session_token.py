# CWE-327 vuln: AES in ECB mode encrypts the session payload; equal blocks give equal ciphertext and blocks can be cut and pasted
import json
import os

from Crypto.Cipher import AES
from Crypto.Util.Padding import pad

SECRET = bytes.fromhex(os.environ["SESSION_KEY_HEX"])


def seal_session(user_id, role):
    data = json.dumps({"uid": user_id, "role": role}).encode()
    cipher = AES.new(SECRET, AES.MODE_ECB)
    return cipher.encrypt(pad(data, 16)).hex()
