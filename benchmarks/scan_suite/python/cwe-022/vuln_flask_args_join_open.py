# CWE-22 vuln: file name from the query string is joined onto the reports folder and opened; "../" or an absolute path escapes it
import os

from flask import Flask, request

app = Flask(__name__)
REPORT_DIR = "/srv/app/reports"


@app.route("/reports/view")
def view_report():
    name = request.args.get("file", "summary.txt")
    path = os.path.join(REPORT_DIR, name)
    with open(path, encoding="utf-8") as fh:
        return fh.read(), 200, {"Content-Type": "text/plain"}
