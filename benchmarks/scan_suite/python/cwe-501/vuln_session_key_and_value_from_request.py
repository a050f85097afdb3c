# CWE-501 vuln: both the session key and the value come from form fields, so a client can set any session entry
from flask import Flask, request, session

app = Flask(__name__)


@app.post("/prefs")
def save_pref():
    name = request.form["name"]
    value = request.form["value"]
    session[name] = value
    return "saved"
