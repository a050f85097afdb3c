# CWE-22 safe: 7 * 18 + 86 = 212 > 200, so the conditional always picks the literal file name and the header value never reaches open()
from flask import Flask, request

app = Flask(__name__)


@app.route("/export")
def export():
    param = request.headers.get("X-Export-Name", "export.csv")
    num = 86
    bar = "export.csv" if 7 * 18 + num > 200 else param
    with open("/srv/exports/" + bar, encoding="utf-8") as fh:
        return fh.read()
