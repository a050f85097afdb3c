# CWE-22 safe: the JSON value is appended then popped off again, so the joined destination contains only constant parts
import shutil

from flask import Flask, request

app = Flask(__name__)


@app.post("/backup")
def backup():
    payload = request.get_json()
    parts = ["/srv", "backups", "nightly.sqlite3"]
    parts.append(payload["target"])
    parts.pop()
    destination = "/".join(parts)
    shutil.copyfile("/srv/app/db.sqlite3", destination)
    return {"copied_to": destination, "requested": payload["target"]}
