# CWE-330 vuln: invite codes are a random.shuffle of the alphabet, truncated; predictable PRNG guards account creation
import random
import string


def invite_code():
    letters = list(string.ascii_uppercase + string.digits)
    random.shuffle(letters)
    return "".join(letters[:12])


def invite(db, inviter_id):
    code = invite_code()
    db.save_invite(code=code, inviter=inviter_id)
    return code
