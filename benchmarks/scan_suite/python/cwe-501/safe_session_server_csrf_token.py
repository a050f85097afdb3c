# CWE-501 safe: the session stores a server-generated secrets token; the request value is only compared against it
import hmac
import secrets

from flask import Flask, abort, request, session

app = Flask(__name__)


@app.route("/form")
def form():
    session["csrf"] = secrets.token_urlsafe(32)
    return {"csrf": session["csrf"]}


@app.post("/submit")
def submit():
    if not hmac.compare_digest(session.get("csrf", ""), request.form.get("csrf", "")):
        abort(400)
    return "accepted"
