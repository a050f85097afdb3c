# CWE-330 safe: session identifiers are assembled with secrets.choice over the same alphabet
import secrets
import string

ALPHABET = string.ascii_letters + string.digits


def new_session_id(length=32):
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def start_session(store, user_id):
    sid = new_session_id()
    store[sid] = {"user": user_id}
    return sid
