# CWE-501 vuln: every key/value of the JSON body is copied into the session in a loop
from flask import Flask, request, session

app = Flask(__name__)


@app.post("/wizard/step")
def wizard_step():
    for key, value in request.get_json().items():
        session[key] = value
    return {"stored": sorted(request.get_json())}
