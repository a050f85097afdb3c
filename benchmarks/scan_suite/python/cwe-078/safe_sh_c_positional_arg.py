# CWE-78 safe: "sh -c" script text is constant; the pattern is passed as positional parameter $1 and quoted inside the script
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/logs/search")
def search_logs():
    pattern = request.args["q"]
    output = subprocess.check_output(
        ["sh", "-c", 'grep -n -- "$1" /var/log/app.log | tail -50', "search", pattern]
    )
    return output.decode()
