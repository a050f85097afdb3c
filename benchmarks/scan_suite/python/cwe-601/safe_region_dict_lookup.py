# CWE-601 safe: the query string selects a key in a table of fixed regional hosts; unknown keys fall back to the EU host
from flask import Flask, redirect, request

app = Flask(__name__)
REGIONS = {"eu": "eu.example.com", "us": "us.example.com", "apac": "apac.example.com"}


@app.route("/region")
def region():
    domain = REGIONS.get(request.args.get("region", "eu"), "eu.example.com")
    return redirect(f"https://{domain}/welcome")
