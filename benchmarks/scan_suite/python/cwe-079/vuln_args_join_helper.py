# CWE-79 vuln: the "back" query parameter passed through a same-file helper that builds the page with "".join, no escaping
from flask import Flask, request

app = Flask(__name__)


def back_link(url):
    return "".join(["<a href='", url, "'>Go back</a>"])


@app.errorhandler(404)
def not_found(_err):
    ref = request.args.get("back", "/")
    return "<h1>Page not found</h1>" + back_link(ref), 404
