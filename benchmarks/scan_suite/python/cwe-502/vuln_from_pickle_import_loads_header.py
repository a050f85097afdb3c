# CWE-502 vuln: `from pickle import loads`; a hex-encoded header is unpickled
from pickle import loads

from flask import Flask, request

app = Flask(__name__)


@app.route("/resume")
def resume():
    blob = bytes.fromhex(request.headers.get("X-Resume-State", ""))
    state = loads(blob) if blob else None
    return {"resumed": state is not None}
