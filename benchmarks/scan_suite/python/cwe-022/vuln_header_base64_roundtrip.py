# CWE-22 vuln: header value base64-encoded then decoded again (no cleaning on the way) is used as a path for open()
import base64

from flask import Flask, request

app = Flask(__name__)


@app.route("/export")
def export():
    raw = request.headers.get("X-Export-Name", "export.csv")
    encoded = base64.b64encode(raw.encode("utf-8"))
    name = base64.b64decode(encoded).decode("utf-8")
    with open("/srv/exports/" + name, encoding="utf-8") as fh:
        return fh.read()
