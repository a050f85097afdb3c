# CWE-328 safe: API keys are checked with bcrypt against stored bcrypt hashes
import bcrypt
from flask import Flask, abort, request

app = Flask(__name__)
KEY_HASHES = {}


@app.route("/api/data")
def data():
    client = request.headers.get("X-Client-Id", "")
    key = request.headers.get("X-Api-Key", "")
    stored = KEY_HASHES.get(client)
    if stored is None or not bcrypt.checkpw(key.encode(), stored):
        abort(401)
    return {"owner": client}
