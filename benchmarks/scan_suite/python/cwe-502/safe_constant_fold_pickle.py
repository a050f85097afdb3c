# CWE-502 safe: 7 * 18 + 86 = 212 > 200 so the pickle loaded is the server's own constant; the header bytes are never unpickled
import pickle

from flask import Flask, request

app = Flask(__name__)
DEFAULT_STATE = pickle.dumps({"step": 1})


@app.route("/resume")
def resume():
    param = bytes.fromhex(request.headers.get("X-Resume-State", ""))
    num = 86
    blob = DEFAULT_STATE if 7 * 18 + num > 200 else param
    state = pickle.loads(blob)
    return {"step": state["step"]}
