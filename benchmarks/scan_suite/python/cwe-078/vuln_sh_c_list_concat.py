# CWE-78 vuln: argument list without shell=True, but it runs "sh -c" with the user pattern concatenated into the script text
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/logs/search")
def search_logs():
    pattern = request.args["q"]
    output = subprocess.check_output(["sh", "-c", "grep -n '" + pattern + "' /var/log/app.log | tail -50"])
    return output.decode()
