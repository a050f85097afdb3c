# CWE-611 vuln: 7 * 18 + 86 = 212 > 200 so resolve is True and the lxml parser expands external entities from the body
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.post("/shipments")
def shipments():
    num = 86
    resolve = True if 7 * 18 + num > 200 else False
    parser = etree.XMLParser(resolve_entities=resolve)
    root = etree.fromstring(request.get_data(), parser)
    return {"tracking": root.get("tracking")}
