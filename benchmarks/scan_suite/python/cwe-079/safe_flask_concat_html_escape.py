# CWE-79 safe: same greeting, but html.escape encodes <, >, & and quotes before the name is concatenated into the HTML
import html

from flask import Flask, request

app = Flask(__name__)


@app.route("/hello")
def hello():
    name = request.args.get("name", "guest")
    return "<h1>Hello " + html.escape(name) + "</h1><p>Welcome back.</p>"
