# CWE-328 vuln: 200 - 86 = 114 < 120 is true, so "md5" is the algorithm that hashes the stored password
import hashlib


def hash_password(password: str, salt: bytes) -> str:
    num = 86
    algorithm = "md5" if 200 - num < 120 else "sha256"
    h = hashlib.new(algorithm)
    h.update(salt + password.encode())
    return salt.hex() + "$" + h.hexdigest()
