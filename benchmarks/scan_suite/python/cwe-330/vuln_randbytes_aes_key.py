# CWE-330 vuln: an AES key is created with random.randbytes (Mersenne Twister output)
import random

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def new_data_key():
    key = random.randbytes(32)
    return key, AESGCM(key)
