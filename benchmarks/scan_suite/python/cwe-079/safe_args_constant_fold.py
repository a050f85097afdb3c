# CWE-79 safe: 7 * 18 + 86 = 212 > 200 so the back link always uses the literal "/" and the "back" query value is discarded
from flask import Flask, request

app = Flask(__name__)


def back_link(url):
    return "".join(["<a href='", url, "'>Go back</a>"])


@app.errorhandler(404)
def not_found(_err):
    param = request.args.get("back", "/")
    num = 86
    ref = "/" if 7 * 18 + num > 200 else param
    return "<h1>Page not found</h1>" + back_link(ref), 404
