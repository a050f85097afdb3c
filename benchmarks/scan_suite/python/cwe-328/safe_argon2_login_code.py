# CWE-328 safe: one-time login codes are stored as argon2id hashes (argon2-cffi PasswordHasher)
import secrets

from argon2 import PasswordHasher

ph = PasswordHasher()


def issue_login_code(store, user_id):
    code = f"{secrets.randbelow(10**6):06d}"
    store[user_id] = ph.hash(code)
    return code
