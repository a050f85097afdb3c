# CWE-78 safe: same ping endpoint, but shlex.quote makes the host a single shell word before os.system runs it
import os
import shlex

from flask import Flask, request

app = Flask(__name__)


@app.route("/diag/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    status = os.system(f"ping -c 1 {shlex.quote(host)} > /dev/null")
    return {"reachable": status == 0}
