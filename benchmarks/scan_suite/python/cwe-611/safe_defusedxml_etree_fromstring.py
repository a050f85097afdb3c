# CWE-611 safe: defusedxml.ElementTree.fromstring replaces the stdlib parser for the untrusted RSS body
from defusedxml import ElementTree as ET
from flask import Flask, request

app = Flask(__name__)


@app.post("/rss/preview")
def rss_preview():
    root = ET.fromstring(request.data)
    return {"items": [i.findtext("title") for i in root.iter("item")]}
