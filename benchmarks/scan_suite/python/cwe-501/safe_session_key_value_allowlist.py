# CWE-501 safe: only known preference names with one of their known values are accepted; anything else returns 400 first
from flask import Flask, request, session

app = Flask(__name__)
PREFS = {"theme": {"light", "dark"}, "density": {"compact", "comfortable"}}


@app.post("/prefs")
def save_pref():
    name = request.form["name"]
    value = request.form["value"]
    if value not in PREFS.get(name, set()):
        return "unknown preference", 400
    session[name] = value
    return "saved"
