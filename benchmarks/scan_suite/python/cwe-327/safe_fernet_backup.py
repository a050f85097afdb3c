# CWE-327 safe: backups are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, encrypt-then-MAC)
import os

from cryptography.fernet import Fernet


def encrypt_backup(data: bytes) -> bytes:
    f = Fernet(os.environ["BACKUP_FERNET_KEY"].encode())
    return f.encrypt(data)


def decrypt_backup(token: bytes) -> bytes:
    return Fernet(os.environ["BACKUP_FERNET_KEY"].encode()).decrypt(token)
