# CWE-78 vuln: subprocess imported as sp; a form field concatenated into a shell command line for Popen(shell=True)
import subprocess as sp

from flask import Flask, request

app = Flask(__name__)


@app.post("/images/thumbnail")
def thumbnail():
    name = request.form["image"]
    proc = sp.Popen("convert /srv/img/" + name + " -resize 128x128 /srv/thumbs/" + name, shell=True)
    proc.wait()
    return "ok"
