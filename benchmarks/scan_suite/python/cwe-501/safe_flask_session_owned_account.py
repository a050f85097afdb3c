# CWE-501 safe: the requested account is stored only after checking it belongs to the logged-in user (server-side list)
import os

from flask import Flask, abort, request, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
ACCOUNTS_BY_USER = {"u1": {"acc-100", "acc-101"}, "u2": {"acc-200"}}


@app.route("/switch-account")
def switch_account():
    account = request.args.get("account")
    if account not in ACCOUNTS_BY_USER.get(session.get("user_id"), set()):
        abort(403)
    session["account_id"] = account
    return {"active": session["account_id"]}
