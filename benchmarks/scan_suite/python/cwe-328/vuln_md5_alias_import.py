# CWE-328 vuln: md5 imported under an alias hashes the API key before it is compared with the stored key hash
from hashlib import md5 as digest

from flask import Flask, abort, request

app = Flask(__name__)
KEY_HASHES = {}


@app.route("/api/data")
def data():
    key = request.headers.get("X-Api-Key", "")
    owner = KEY_HASHES.get(digest(key.encode()).hexdigest())
    if owner is None:
        abort(401)
    return {"owner": owner}
