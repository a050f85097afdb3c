# CWE-78 safe: sp.Popen gets an argument list (no shell) and the image name is reduced with os.path.basename
import os
import subprocess as sp

from flask import Flask, request

app = Flask(__name__)


@app.post("/images/thumbnail")
def thumbnail():
    name = os.path.basename(request.form["image"])
    proc = sp.Popen(["convert", "/srv/img/" + name, "-resize", "128x128", "/srv/thumbs/" + name])
    proc.wait()
    return "ok"
