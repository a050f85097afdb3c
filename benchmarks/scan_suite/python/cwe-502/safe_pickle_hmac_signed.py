# CWE-502 safe: the cookie carries an HMAC-SHA256 over the pickle made with a server key; unpickling happens only after compare_digest succeeds
import base64
import hashlib
import hmac
import os
import pickle

from flask import Flask, request

app = Flask(__name__)
KEY = os.environ["STATE_SIGNING_KEY"].encode()


@app.route("/prefs")
def prefs():
    raw = request.cookies.get("prefs", "")
    sig, _, body = raw.partition(".")
    data = base64.urlsafe_b64decode(body or "")
    expected = hmac.new(KEY, data, hashlib.sha256).hexdigest()
    if not body or not hmac.compare_digest(expected, sig):
        return {"theme": "light"}
    settings = pickle.loads(data)
    return {"theme": settings.get("theme", "light")}
