# CWE-601 vuln: the "return_url" query value is written into the Location header of a 302 response
from flask import Flask, Response, request

app = Flask(__name__)


@app.route("/continue")
def continue_flow():
    resp = Response(status=302)
    resp.headers["Location"] = request.args.get("return_url", "/")
    return resp
