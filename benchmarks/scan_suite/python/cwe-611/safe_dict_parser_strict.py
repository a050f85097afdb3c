# CWE-611 safe: the parser table still has a "permissive" entry, but the upload is parsed with the "strict" one (no entity resolution)
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
PARSERS = {
    "strict": etree.XMLParser(resolve_entities=False, no_network=True),
    "permissive": etree.XMLParser(resolve_entities=True, load_dtd=True),
}


@app.post("/catalog")
def catalog():
    tree = etree.parse(request.files["catalog"], PARSERS["strict"])
    return {"items": len(tree.getroot())}
