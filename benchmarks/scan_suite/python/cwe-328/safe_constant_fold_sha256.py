# CWE-328 safe: 200 - 86 = 114 < 100 is false, so "sha256" is selected; the md5 branch never runs
import hashlib


def hash_password(password: str, salt: bytes) -> bytes:
    num = 86
    algorithm = "md5" if 200 - num < 100 else "sha256"
    return hashlib.pbkdf2_hmac(algorithm, password.encode(), salt, 600_000)
