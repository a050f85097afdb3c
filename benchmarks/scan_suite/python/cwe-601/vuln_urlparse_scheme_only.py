# CWE-601 vuln: urlparse is used but only the scheme is checked, so any https host is accepted
from urllib.parse import urlparse

from flask import Flask, abort, redirect, request

app = Flask(__name__)


@app.route("/out")
def outbound():
    url = request.values.get("url", "")
    if urlparse(url).scheme not in ("http", "https"):
        abort(400)
    return redirect(url)
