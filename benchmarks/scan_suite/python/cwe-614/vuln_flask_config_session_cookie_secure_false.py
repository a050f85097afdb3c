# CWE-614 vuln: Flask is configured with SESSION_COOKIE_SECURE = False, so the session cookie lacks the Secure attribute
import os

from flask import Flask, session

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["FLASK_SECRET_KEY"],
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SECURE=False,
)


@app.route("/login/<user>")
def login(user):
    session["user"] = user
    return "logged in"
