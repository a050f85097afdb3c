# CWE-330 vuln: temporary passwords come from random.randrange after seeding with the current time (guessable seed)
import random
import time


def temporary_password():
    random.seed(int(time.time()))
    return "tmp-%06d" % random.randrange(1_000_000)


def reset_user(db, user_id):
    pw = temporary_password()
    db.set_password(user_id, pw)
    return pw
