# CWE-79 vuln: query-string name concatenated into an HTML string returned by a Flask view (text/html by default), unescaped
from flask import Flask, request

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    return "<h1>Hello " + name + "</h1><p>Welcome back.</p>"
