# CWE-501 vuln: a same-file helper copies the X-Forwarded-User header into the session as the logged-in user
from flask import Flask, request, session

app = Flask(__name__)


def remember_user(store, header_value):
    store["user"] = header_value.strip()


@app.before_request
def sso():
    forwarded = request.headers.get("X-Forwarded-User")
    if forwarded and "user" not in session:
        remember_user(session, forwarded)
