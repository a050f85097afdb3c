# CWE-614 vuln: a raw Set-Cookie header is written with HttpOnly and Path but no Secure attribute
import secrets

from flask import Flask, Response

app = Flask(__name__)


@app.post("/sso/finish")
def sso_finish():
    token = secrets.token_urlsafe(32)
    resp = Response("signed in")
    resp.headers["Set-Cookie"] = f"sso_token={token}; HttpOnly; Path=/; SameSite=Lax"
    return resp
