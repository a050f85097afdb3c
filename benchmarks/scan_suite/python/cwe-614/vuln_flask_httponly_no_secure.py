# CWE-614 vuln: the auth cookie is HttpOnly and SameSite but the Secure attribute is missing
import secrets

from flask import Flask, make_response, request

app = Flask(__name__)


@app.post("/api/token")
def issue_token():
    resp = make_response({"user": request.form["user"]})
    resp.set_cookie("auth_token", secrets.token_hex(32), httponly=True, samesite="Lax", max_age=3600)
    return resp
