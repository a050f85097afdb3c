# CWE-78 vuln: JSON list of extra flags appended to the argument list, then " ".join-ed into a single string for os.system
import os

from flask import Flask, request

app = Flask(__name__)


@app.post("/jobs/render")
def render_job():
    body = request.get_json(force=True)
    argv = ["/usr/bin/ffmpeg", "-y", "-i", "/srv/in.mp4"]
    for flag in body.get("flags", []):
        argv.append(flag)
    argv.append("/srv/out.mp4")
    os.system(" ".join(argv))
    return {"started": True}
