# CWE-611 vuln: a table of lxml parsers is indexed with "permissive", whose parser resolves entities, for an uploaded file
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
PARSERS = {
    "strict": etree.XMLParser(resolve_entities=False, no_network=True),
    "permissive": etree.XMLParser(resolve_entities=True, load_dtd=True),
}


@app.post("/catalog")
def catalog():
    tree = etree.parse(request.files["catalog"], PARSERS["permissive"])
    return {"items": len(tree.getroot())}
