# CWE-502 vuln: a job class restores its task with dill.loads from data the client posts as JSON (base64)
import base64

import dill
from flask import Flask, request

app = Flask(__name__)


class Job:
    def __init__(self, payload_b64):
        self.task = dill.loads(base64.b64decode(payload_b64))

    def run(self):
        return self.task()


@app.post("/jobs")
def submit_job():
    job = Job(request.get_json()["payload"])
    return {"result": str(job.run())}
