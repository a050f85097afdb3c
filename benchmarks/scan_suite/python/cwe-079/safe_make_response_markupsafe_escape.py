# CWE-79 safe: markupsafe.escape is applied to the search term before it goes into the f-string page
from flask import Flask, make_response, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/search")
def search():
    q = escape(request.values.get("q", ""))
    body = f"<html><body><h2>No results for {q}</h2></body></html>"
    resp = make_response(body)
    resp.headers["Content-Type"] = "text/html; charset=utf-8"
    return resp
