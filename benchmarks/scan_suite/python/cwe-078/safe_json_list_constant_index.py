# CWE-78 safe: the JSON flags are appended to a list but the shell command only uses items at constant indexes, all literals
import os

from flask import Flask, request

app = Flask(__name__)


@app.post("/jobs/render")
def render_job():
    body = request.get_json(force=True)
    argv = ["/usr/bin/ffmpeg", "-y", "-i", "/srv/in.mp4", "/srv/out.mp4"]
    for flag in body.get("flags", []):
        argv.append(flag)
    os.system(" ".join(argv[0:5]))
    return {"started": True, "ignored_flags": argv[5:]}
