# CWE-501 safe: the form target is appended to a list and removed; the session gets the remaining constant path
from flask import Flask, request, session

app = Flask(__name__)


@app.post("/login/start")
def login_start():
    candidates = ["/app/home"]
    candidates.append(request.form.get("next", ""))
    candidates.pop()
    session["after_login"] = candidates[0]
    return {"ok": True}
