# CWE-502 safe: the base64 prefs cookie is decoded with json.loads, which only builds dicts, lists, strings and numbers
import base64
import json

from flask import Flask, request

app = Flask(__name__)


@app.route("/prefs")
def prefs():
    raw = request.cookies.get("prefs")
    settings = json.loads(base64.b64decode(raw)) if raw else {}
    return {"theme": settings.get("theme", "light")}
