# CWE-79 vuln: search term placed into an f-string HTML page via make_response with no escaping
from flask import Flask, make_response, request

app = Flask(__name__)


@app.route("/search")
def search():
    q = request.values.get("q", "")
    body = f"<html><body><h2>No results for {q}</h2></body></html>"
    resp = make_response(body)
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp
