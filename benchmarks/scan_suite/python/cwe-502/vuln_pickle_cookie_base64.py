# CWE-502 vuln: a base64 cookie is unpickled with pickle.loads; a crafted pickle runs code via __reduce__
import base64
import pickle

from flask import Flask, request

app = Flask(__name__)


@app.route("/prefs")
def prefs():
    raw = request.cookies.get("prefs")
    settings = pickle.loads(base64.b64decode(raw)) if raw else {}
    return {"theme": settings.get("theme", "light")}
