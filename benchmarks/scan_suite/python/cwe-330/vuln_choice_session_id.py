# CWE-330 vuln: session identifiers are assembled with random.choice over an alphabet
import random
import string

ALPHABET = string.ascii_letters + string.digits


def new_session_id(length=32):
    return "".join(random.choice(ALPHABET) for _ in range(length))


def start_session(store, user_id):
    sid = new_session_id()
    store[sid] = {"user": user_id}
    return sid
