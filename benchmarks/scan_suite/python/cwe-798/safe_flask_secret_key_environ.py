# CWE-798 safe: the Flask secret_key comes from the environment (os.environ.get with no literal fallback; startup fails without it)
import os

from flask import Flask, session

app = Flask(__name__)
app.secret_key = os.environ.get("FLASK_SECRET_KEY")
if not app.secret_key:
    raise RuntimeError("FLASK_SECRET_KEY is not set")


@app.route("/whoami")
def whoami():
    return {"user": session.get("user")}
