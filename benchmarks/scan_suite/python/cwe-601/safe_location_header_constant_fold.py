# CWE-601 safe: 7 * 18 + 86 = 212 > 200 selects "/home", so the Location header never carries the query value
from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/continue")
def continue_flow():
    param = request.args.get("return_url", "/")
    num = 86
    target = "/home" if 7 * 18 + num > 200 else param
    resp = Response(status=302)
    resp.headers["Location"] = target
    return resp
