# CWE-502 vuln: an uploaded shelf file is opened with shelve, whose values are unpickled on read
import os
import shelve
import tempfile

from flask import Flask, request

app = Flask(__name__)


@app.post("/restore")
def restore():
    tmpdir = tempfile.mkdtemp()
    path = os.path.join(tmpdir, "restore.db")
    request.files["shelf"].save(path)
    with shelve.open(path, flag="r") as shelf:
        restored = {key: shelf[key] for key in shelf.keys()}
    return {"restored": sorted(restored)}
