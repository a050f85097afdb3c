# CWE-601 safe: the target must parse with no scheme and no host, start with a single "/" and contain no backslash or control character; else "/"
from urllib.parse import urlparse

from flask import Flask, redirect, request

app = Flask(__name__)


def is_local_path(target):
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return False
    parts = urlparse(target)
    return not parts.scheme and not parts.netloc


@app.route("/after-signup")
def after_signup():
    target = request.args.get("next", "/")
    if not is_local_path(target):
        target = "/"
    return redirect(target)
