# CWE-330 safe: the AES key comes from os.urandom (kernel CSPRNG)
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def new_data_key():
    key = os.urandom(32)
    return key, AESGCM(key)
