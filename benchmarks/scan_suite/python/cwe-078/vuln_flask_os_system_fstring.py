# CWE-78 vuln: host from the query string is interpolated into an f-string run by os.system (a shell), so "; rm -rf ~" runs
import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/diag/ping")
def ping():
    host = request.args.get("host", "127.0.0.1")
    status = os.system(f"ping -c 1 {host} > /dev/null")
    return {"reachable": status == 0}
