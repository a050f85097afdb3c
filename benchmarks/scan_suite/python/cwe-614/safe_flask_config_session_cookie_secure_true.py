# CWE-614 safe: Flask is configured with SESSION_COOKIE_SECURE = True
import os

from flask import Flask, session

app = Flask(__name__)
app.config.update(
    SECRET_KEY=os.environ["FLASK_SECRET_KEY"],
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SECURE=True,
)


@app.route("/login/<user>")
def login(user):
    session["user"] = user
    return "logged in"
