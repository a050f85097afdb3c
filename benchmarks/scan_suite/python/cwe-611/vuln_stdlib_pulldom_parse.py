# CWE-611 vuln (stdlib parser rule): xml.dom.pulldom.parse streams an uploaded file with the stdlib parser; bandit B319 flags it
from xml.dom import pulldom

from flask import Flask, request

app = Flask(__name__)


@app.post("/gpx")
def gpx_points():
    points = 0
    for event, node in pulldom.parse(request.files["track"].stream):
        if event == pulldom.START_ELEMENT and node.tagName == "trkpt":
            points += 1
    return {"points": points}
