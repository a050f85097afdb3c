# CWE-611 safe: same order import, but the lxml parser has resolve_entities=False, no_network=True and load_dtd=False
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.post("/orders/xml")
def import_order():
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(request.data, parser)
    return {"customer": root.findtext("customer")}
