# CWE-328 safe: reset tokens are random (secrets.token_urlsafe) and only their SHA-256 is stored server side
import hashlib
import secrets

from flask import Flask, request

app = Flask(__name__)
PENDING = {}


@app.post("/password/forgot")
def forgot():
    email = request.form["email"]
    token = secrets.token_urlsafe(32)
    PENDING[hashlib.sha256(token.encode()).hexdigest()] = email
    return {"sent": True}
