# CWE-643 safe: the XPathEvaluator is called with a constant expression and the item bound as the $item variable
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
DOC = etree.parse("/srv/app/inventory.xml")


@app.route("/stock")
def stock():
    item = request.values.get("item", "")
    evaluate = etree.XPathEvaluator(DOC)
    return {"count": evaluate("count(//item[name=$item]/unit)", item=item)}
