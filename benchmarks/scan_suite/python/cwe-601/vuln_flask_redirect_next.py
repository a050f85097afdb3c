# CWE-601 vuln: after login the app redirects to the raw "next" query parameter, which may be https://evil.example
from flask import Flask, redirect, request

app = Flask(__name__)


@app.post("/login")
def login():
    # ... credentials checked here ...
    return redirect(request.args.get("next", "/"))
