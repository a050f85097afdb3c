# CWE-78 safe: the requested report must be a key of a fixed table; os.popen only ever runs one of the table's literal commands
import os

from flask import Flask, abort, request

app = Flask(__name__)
REPORTS = {
    "uptime": "uptime",
    "disk": "df -h /",
    "memory": "free -m",
}


@app.route("/sysinfo")
def sysinfo():
    which = request.headers.get("X-Report", "uptime")
    if which not in REPORTS:
        abort(400)
    return os.popen(REPORTS[which]).read()
