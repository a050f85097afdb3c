# CWE-78 vuln: `from os import system`; a same-file helper builds a tar command from the cookie value and system() runs it in a shell
from os import system

from flask import Flask, request

app = Flask(__name__)


def archive_command(folder):
    return "tar czf /tmp/export.tgz -C /srv/data " + folder


@app.route("/export")
def export():
    folder = request.cookies.get("workspace", "default")
    system(archive_command(folder))
    return "queued"
