# CWE-798 safe: the login compares a PBKDF2 hash of the submitted password with the user's stored hash; no credential literal
import hashlib
import hmac

from flask import Flask, request, session

app = Flask(__name__)
USERS = {}  # username -> (salt, hash), loaded from the database at startup


def check_user_password(username, password):
    record = USERS.get(username)
    if record is None:
        return False
    salt, stored = record
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
    return hmac.compare_digest(candidate, stored)


@app.post("/login")
def login():
    username = request.form["username"]
    if check_user_password(username, request.form["password"]):
        session["user"] = username
        return "welcome"
    return "denied", 401
