# CWE-601 safe: the OAuth state is only a lookup key; the return path comes from the server-side session entry saved earlier
from flask import Flask, abort, redirect, request, session

app = Flask(__name__)


@app.route("/oauth/callback")
def oauth_callback():
    pending = session.pop("oauth_pending", None)
    if not pending or pending["state"] != request.args.get("state"):
        abort(400)
    # ... exchange request.args["code"] for a token ...
    return redirect(pending["return_path"])
