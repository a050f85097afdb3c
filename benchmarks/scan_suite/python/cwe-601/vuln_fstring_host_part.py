# CWE-601 vuln: the query string chooses the host part of the redirect URL in an f-string
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/region")
def region():
    domain = request.args.get("domain", "eu.example.com")
    return redirect(f"https://{domain}/welcome")
