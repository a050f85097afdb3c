# CWE-79 safe: the visitor name is added to a list then removed; the heading uses the remaining constant item
from flask import Flask, request

app = Flask(__name__)


@app.route("/banner")
def banner():
    words = ["Welcome"]
    words.append(request.args.get("who", ""))
    words.append("to the shop")
    words.pop(1)
    return "<h2>" + " ".join(words) + "</h2>"
