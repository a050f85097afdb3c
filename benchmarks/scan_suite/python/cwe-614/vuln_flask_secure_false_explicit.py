# CWE-614 vuln: the remember-me cookie is set with secure=False explicitly
import secrets

from flask import Flask, make_response

app = Flask(__name__)


@app.post("/remember")
def remember():
    resp = make_response("ok")
    resp.set_cookie("remember_token", secrets.token_urlsafe(32), secure=False, httponly=True)
    return resp
