# CWE-328 vuln: password-reset tokens are derived with SHA-1 (hashlib imported as hl) over user id and timestamp
import hashlib as hl
import time

from flask import Flask, request

app = Flask(__name__)


@app.post("/password/forgot")
def forgot():
    email = request.form["email"]
    token = hl.sha1(f"{email}:{int(time.time())}".encode()).hexdigest()
    return {"reset_link": "/password/reset?token=" + token}
