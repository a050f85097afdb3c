# CWE-328 vuln: MD5 explicitly marked usedforsecurity=True hashes the one-time login code kept server side
import hashlib
import secrets


def issue_login_code(store, user_id):
    code = f"{secrets.randbelow(10**6):06d}"
    store[user_id] = hashlib.md5(code.encode(), usedforsecurity=True).hexdigest()
    return code
