# CWE-614 safe: the auth cookie has Secure in addition to HttpOnly and SameSite
import secrets

from flask import Flask, make_response, request

app = Flask(__name__)


@app.post("/api/token")
def issue_token():
    resp = make_response({"user": request.form["user"]})
    resp.set_cookie(
        "auth_token", secrets.token_hex(32), httponly=True, samesite="Lax", max_age=3600, secure=True
    )
    return resp
