# CWE-78 safe: (500 // 4) + num = 211 > 200 selects the literal folder, so the cookie never reaches system()
from os import system

from flask import Flask, request

app = Flask(__name__)


def archive_command(folder):
    return "tar czf /tmp/export.tgz -C /srv/data " + folder


@app.route("/export")
def export():
    param = request.cookies.get("workspace", "default")
    num = 86
    if (500 // 4) + num > 200:
        folder = "default"
    else:
        folder = param
    system(archive_command(folder))
    return "queued"
