# CWE-614 safe: logout only deletes the session cookie (empty value, expiry in the past); no sensitive value is sent
from flask import Flask, make_response

app = Flask(__name__)


@app.post("/logout")
def logout():
    resp = make_response("bye")
    resp.delete_cookie("session_id")
    return resp
