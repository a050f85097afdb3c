# CWE-614 vuln: the login session id is set with set_cookie and no secure flag, so it is also sent over plain HTTP
import secrets

from flask import Flask, make_response

app = Flask(__name__)


@app.post("/login")
def login():
    resp = make_response("welcome")
    resp.set_cookie("session_id", secrets.token_urlsafe(32))
    return resp
