# CWE-22 safe: werkzeug secure_filename strips separators and ".." before the aliased-request filename reaches os.remove
import os

from flask import Flask, abort, jsonify
from flask import request as req
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/uploads"


@app.post("/uploads/delete")
def delete_upload():
    victim = secure_filename(req.form["filename"])
    if not victim:
        abort(400)
    location = UPLOADS + os.sep + victim
    os.remove(location)
    return jsonify(deleted=victim)
