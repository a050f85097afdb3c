# CWE-601 safe: after login the app redirects to url_for("dashboard"); the "next" parameter is only logged
from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/dashboard")
def dashboard():
    return "dashboard"


@app.post("/login")
def login():
    app.logger.info("login requested next=%s", request.args.get("next"))
    return redirect(url_for("dashboard"))
