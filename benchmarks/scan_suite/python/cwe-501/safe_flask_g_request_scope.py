# CWE-501 safe: the client-supplied trace id is kept in flask.g, which lives for one request only; nothing goes into the session
from flask import Flask, g, request

app = Flask(__name__)


@app.before_request
def trace():
    g.trace_id = request.headers.get("X-Trace-Id", "none")


@app.route("/ping")
def ping():
    return {"trace": g.trace_id}
