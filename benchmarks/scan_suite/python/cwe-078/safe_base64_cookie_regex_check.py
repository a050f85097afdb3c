# CWE-78 safe: the decoded printer name must fully match [A-Za-z0-9_-]{1,32} (no shell metacharacters) or the request is refused
import base64
import re
import subprocess

from flask import Flask, abort, request

app = Flask(__name__)
PRINTER_NAME = re.compile(r"[A-Za-z0-9_-]{1,32}")


@app.route("/printer/status")
def printer_status():
    blob = request.cookies.get("printer", "bGFzZXIx")
    printer = base64.b64decode(blob).decode("utf-8")
    if not PRINTER_NAME.fullmatch(printer):
        abort(400)
    code = subprocess.call("lpstat -p " + printer, shell=True)
    return {"exit": code}
