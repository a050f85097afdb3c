# CWE-328 safe: the settings dict lists "md5" for a legacy checksum, but file hashing reads "file_hash", which is sha3_256
import hashlib

SETTINGS = {"legacy_checksum": "md5", "file_hash": "sha3_256"}


def hash_upload(data: bytes) -> str:
    algo = SETTINGS["file_hash"]
    h = hashlib.new(algo)
    h.update(data)
    return h.hexdigest()
