# CWE-94 safe: the base64 "saved view" cookie is decoded with json.loads (data only) and merged key by key, nothing executed
import base64
import json

from flask import Flask, request

app = Flask(__name__)
ALLOWED = {"columns", "sort"}


@app.route("/dashboard")
def dashboard():
    view = {"columns": ["name"], "sort": "name"}
    saved = request.cookies.get("view_state")
    if saved:
        state = json.loads(base64.b64decode(saved))
        view.update({k: v for k, v in state.items() if k in ALLOWED})
    return view
