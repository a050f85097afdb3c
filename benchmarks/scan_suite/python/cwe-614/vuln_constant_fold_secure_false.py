# CWE-614 vuln: 7 * 18 + 86 = 212 is not < 200, so secure_flag is False and the session cookie goes out without Secure
import secrets

from flask import Flask, make_response

app = Flask(__name__)


@app.post("/login")
def login():
    num = 86
    secure_flag = True if 7 * 18 + num < 200 else False
    resp = make_response("welcome")
    resp.set_cookie("session_id", secrets.token_urlsafe(32), secure=secure_flag, httponly=True)
    return resp
