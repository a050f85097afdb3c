# CWE-611 vuln (stdlib parser rule): xml.etree.ElementTree.fromstring on untrusted request data; bandit B314 / defusedxml advise defusedxml for untrusted XML
import xml.etree.ElementTree as ET

from flask import Flask, request

app = Flask(__name__)


@app.post("/rss/preview")
def rss_preview():
    root = ET.fromstring(request.data)
    return {"items": [i.findtext("title") for i in root.iter("item")]}
