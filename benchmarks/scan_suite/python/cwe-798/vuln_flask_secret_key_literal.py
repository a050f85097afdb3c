# CWE-798 vuln: the Flask secret_key that signs session cookies is a literal, so anyone with the source can forge sessions
from flask import Flask, session

app = Flask(__name__)
app.secret_key = "f3c9a1d2-session-signing-key-77b0"


@app.route("/whoami")
def whoami():
    return {"user": session.get("user")}
