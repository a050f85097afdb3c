# CWE-614 safe: the raw Set-Cookie header includes the Secure attribute
import secrets

from flask import Flask, Response

app = Flask(__name__)


@app.post("/sso/finish")
def sso_finish():
    token = secrets.token_urlsafe(32)
    resp = Response("signed in")
    resp.headers["Set-Cookie"] = f"sso_token={token}; Secure; HttpOnly; Path=/; SameSite=Lax"
    return resp
