# CWE-327 vuln: RC2 (ARC2) block cipher encrypts exported reports
import os

from Crypto.Cipher import ARC2
from Crypto.Util.Padding import pad


def encrypt_report(key: bytes, report: bytes) -> bytes:
    iv = os.urandom(ARC2.block_size)
    cipher = ARC2.new(key, ARC2.MODE_CBC, iv=iv)
    return iv + cipher.encrypt(pad(report, ARC2.block_size))
