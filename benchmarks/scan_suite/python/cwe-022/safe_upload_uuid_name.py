# CWE-22 safe: the uploaded file is saved under a server-generated uuid4 name; the client's filename is kept only as metadata
import os
import uuid

from flask import Flask, request

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"


@app.post("/upload")
def upload():
    incoming = request.files["document"]
    stored_name = uuid.uuid4().hex + ".bin"
    incoming.save(os.path.join(UPLOAD_DIR, stored_name))
    return {"id": stored_name, "original_name": incoming.filename}
