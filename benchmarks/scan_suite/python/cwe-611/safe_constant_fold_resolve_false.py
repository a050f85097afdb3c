# CWE-611 safe: 7 * 18 + 86 = 212 > 200 so resolve is False; the lxml parser never expands entities
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.post("/shipments")
def shipments():
    num = 86
    resolve = False if 7 * 18 + num > 200 else True
    parser = etree.XMLParser(resolve_entities=resolve, no_network=True)
    root = etree.fromstring(request.get_data(), parser)
    return {"tracking": root.get("tracking")}
