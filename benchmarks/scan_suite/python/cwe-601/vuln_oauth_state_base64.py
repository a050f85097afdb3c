# CWE-601 vuln: the OAuth "state" parameter is base64-decoded as JSON and its "return" field used as the redirect target
import base64
import json

from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/oauth/callback")
def oauth_callback():
    state = json.loads(base64.urlsafe_b64decode(request.args["state"]))
    # ... exchange request.args["code"] for a token ...
    return redirect(state["return"])
