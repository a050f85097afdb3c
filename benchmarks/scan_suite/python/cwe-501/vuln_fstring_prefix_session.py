# CWE-501 vuln: the redirect target from the form gets an f-string prefix and lands in the session, still attacker-controlled
from flask import Flask, request, session

app = Flask(__name__)


@app.post("/login/start")
def login_start():
    target = request.form.get("next", "")
    session["after_login"] = f"/app/{target}"
    return {"ok": True}
