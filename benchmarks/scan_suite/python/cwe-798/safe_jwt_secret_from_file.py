# CWE-798 safe: the JWT signing secret is read from a mounted secrets file whose path comes from the environment
import datetime
import os
from pathlib import Path

import jwt


def _secret():
    return Path(os.environ["JWT_SECRET_FILE"]).read_text().strip()


def issue(user_id):
    payload = {"sub": str(user_id), "exp": datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)}
    return jwt.encode(payload, _secret(), algorithm="HS256")


def verify(token):
    return jwt.decode(token, _secret(), algorithms=["HS256"])
