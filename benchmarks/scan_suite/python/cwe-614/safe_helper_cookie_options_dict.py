# CWE-614 safe: the helper's cookie options dict sets "secure": True and is splatted into set_cookie
import secrets

from flask import Flask, make_response

app = Flask(__name__)
COOKIE_OPTIONS = {"httponly": True, "samesite": "Lax", "secure": True, "max_age": 86400}


def attach_session(resp, token):
    resp.set_cookie("sid", token, **COOKIE_OPTIONS)
    return resp


@app.post("/signin")
def signin():
    return attach_session(make_response("ok"), secrets.token_urlsafe(32))
