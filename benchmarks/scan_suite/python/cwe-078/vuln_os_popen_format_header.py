# CWE-78 vuln: User-Agent header passed through str.format into os.popen, which hands the string to /bin/sh
import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/log-agent")
def log_agent():
    agent = request.headers.get("User-Agent", "")
    out = os.popen("echo {} >> /var/log/agents.log".format(agent)).read()
    return out or "logged"
