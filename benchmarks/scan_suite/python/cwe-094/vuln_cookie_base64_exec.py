# CWE-94 vuln: a "saved view" cookie is base64-decoded and exec()-ed to restore state
import base64

from flask import Flask, request

app = Flask(__name__)


@app.route("/dashboard")
def dashboard():
    view = {"columns": ["name"], "sort": "name"}
    saved = request.cookies.get("view_state")
    if saved:
        exec(base64.b64decode(saved).decode("utf-8"), {}, view)
    return view
