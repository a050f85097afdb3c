# CWE-330 safe: invite codes use random.SystemRandom().shuffle, which draws from os.urandom
import random
import string

_rng = random.SystemRandom()


def invite_code():
    letters = list(string.ascii_uppercase + string.digits)
    _rng.shuffle(letters)
    return "".join(letters[:12])


def invite(db, inviter_id):
    code = invite_code()
    db.save_invite(code=code, inviter=inviter_id)
    return code
