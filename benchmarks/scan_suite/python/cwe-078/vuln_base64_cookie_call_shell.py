# CWE-78 vuln: a base64 cookie is decoded (decoding is not sanitising) and the result concatenated into subprocess.call(shell=True)
import base64
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/printer/status")
def printer_status():
    blob = request.cookies.get("printer", "bGFzZXIx")
    printer = base64.b64decode(blob).decode("utf-8")
    code = subprocess.call("lpstat -p " + printer, shell=True)
    return {"exit": code}
