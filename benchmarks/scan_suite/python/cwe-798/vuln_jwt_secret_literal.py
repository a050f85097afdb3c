# CWE-798 vuln: JWTs are signed and verified with an HS256 secret written in the source
import datetime

import jwt

JWT_SECRET = "jwt-hs256-secret-9f8e7d6c5b4a"


def issue(user_id):
    payload = {"sub": str(user_id), "exp": datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)}
    return jwt.encode(payload, JWT_SECRET, algorithm="HS256")


def verify(token):
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"])
