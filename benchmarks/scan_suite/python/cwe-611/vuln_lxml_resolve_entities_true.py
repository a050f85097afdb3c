# CWE-611 vuln: lxml parser built with resolve_entities=True parses the request body, so <!ENTITY x SYSTEM "file:///etc/passwd"> is expanded
from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.post("/orders/xml")
def import_order():
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(request.data, parser)
    return {"customer": root.findtext("customer")}
