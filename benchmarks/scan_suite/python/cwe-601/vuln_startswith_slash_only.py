# CWE-601 vuln: the only check is startswith("/"), which "//evil.example" and "/\evil.example" both pass
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/after-signup")
def after_signup():
    target = request.args.get("next", "/")
    if not target.startswith("/"):
        target = "/"
    return redirect(target)
