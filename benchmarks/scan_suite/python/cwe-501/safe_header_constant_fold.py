# CWE-501 safe: (300 - 86) = 214 > 200 so the helper always receives the literal "guest"; the header never reaches the session
from flask import Flask, request, session

app = Flask(__name__)


def remember_user(store, header_value):
    store["user"] = header_value.strip()


@app.before_request
def sso():
    param = request.headers.get("X-Forwarded-User", "")
    num = 86
    value = "guest" if (300 - num) > 200 else param
    if "user" not in session:
        remember_user(session, value)
