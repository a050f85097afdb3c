# CWE-22 safe: same report viewer, but os.path.basename drops every directory part so the name cannot leave the reports folder
import os

from flask import Flask, request

app = Flask(__name__)
REPORT_DIR = "/srv/app/reports"


@app.route("/reports/view")
def view_report():
    name = request.args.get("file", "summary.txt")
    path = os.path.join(REPORT_DIR, os.path.basename(name))
    with open(path, encoding="utf-8") as fh:
        return fh.read(), 200, {"Content-Type": "text/plain"}
