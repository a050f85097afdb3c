# CWE-328 vuln: the password hashing algorithm is read from a settings dict whose "password_hash" entry is "md5"
import hashlib

SETTINGS = {"password_hash": "md5", "file_hash": "sha256"}


def hash_password(password: str, salt: bytes) -> str:
    algo = SETTINGS["password_hash"]
    h = hashlib.new(algo)
    h.update(salt + password.encode())
    return h.hexdigest()
