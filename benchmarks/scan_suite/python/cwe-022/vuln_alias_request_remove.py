# CWE-22 vuln: form field read through an aliased flask request names the upload to delete; os.remove can hit any file the app can write
import os

from flask import Flask, jsonify
from flask import request as req

app = Flask(__name__)
UPLOADS = "/srv/uploads"


@app.post("/uploads/delete")
def delete_upload():
    victim = req.form["filename"]
    location = UPLOADS + os.sep + victim
    os.remove(location)
    return jsonify(deleted=victim)
