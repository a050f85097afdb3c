# CWE-501 vuln: an unvalidated query-string value is stored in the Flask session, where later code trusts it as server state
import os

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]


@app.route("/switch-account")
def switch_account():
    session["account_id"] = request.args.get("account")
    return {"active": session["account_id"]}
