# CWE-330 safe: the password-reset token comes from secrets.token_urlsafe (CSPRNG)
import secrets

from flask import Flask, request

app = Flask(__name__)
RESET_TOKENS = {}


@app.post("/password/forgot")
def forgot():
    token = secrets.token_urlsafe(32)
    RESET_TOKENS[token] = request.form["email"]
    return {"sent": True}
