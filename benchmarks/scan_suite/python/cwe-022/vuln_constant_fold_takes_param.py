# CWE-22 vuln: the constant-folded condition (294 - 86 = 208 > 200) is true, so the query-string value (not the literal) reaches open()
from flask import Flask, request

app = Flask(__name__)


@app.route("/logs")
def read_log():
    param = request.args.get("log", "")
    num = 86
    if (7 * 42) - num > 200:
        bar = param
    else:
        bar = "app.log"
    with open("/var/log/myapp/" + bar, encoding="utf-8") as fh:
        return fh.read()
