# CWE-22 vuln: JSON body field appended to a list of path parts, joined with "/" and used as the destination of shutil.copyfile
import shutil

from flask import Flask, request

app = Flask(__name__)


@app.post("/backup")
def backup():
    payload = request.get_json()
    parts = ["/srv", "backups"]
    parts.append(payload["target"])
    destination = "/".join(parts)
    shutil.copyfile("/srv/app/db.sqlite3", destination)
    return {"copied_to": destination}
