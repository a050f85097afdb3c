# CWE-601 safe: the requested URL is appended to a list and popped off again; redirect() uses the remaining constant item
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/out")
def outbound():
    hops = ["/goodbye"]
    hops.append(request.values.get("url", ""))
    hops.pop()
    return redirect(hops[0])
