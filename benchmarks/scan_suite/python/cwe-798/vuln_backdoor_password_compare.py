# CWE-798 vuln: the login view accepts a hard-coded maintenance password for any account (built-in backdoor credential)
from flask import Flask, request, session

app = Flask(__name__)


def check_user_password(username, password):
    return False


@app.post("/login")
def login():
    username = request.form["username"]
    password = request.form["password"]
    if password == "maint-override-8812" or check_user_password(username, password):
        session["user"] = username
        return "welcome"
    return "denied", 401
