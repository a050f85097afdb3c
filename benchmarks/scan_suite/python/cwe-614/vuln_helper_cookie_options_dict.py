# CWE-614 vuln: a helper's cookie options dict sets httponly and samesite but "secure" is False, and the dict is splatted into set_cookie
import secrets

from flask import Flask, make_response

app = Flask(__name__)
COOKIE_OPTIONS = {"httponly": True, "samesite": "Lax", "secure": False, "max_age": 86400}


def attach_session(resp, token):
    resp.set_cookie("sid", token, **COOKIE_OPTIONS)
    return resp


@app.post("/signin")
def signin():
    return attach_session(make_response("ok"), secrets.token_urlsafe(32))
