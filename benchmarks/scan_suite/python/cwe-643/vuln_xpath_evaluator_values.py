# CWE-643 vuln: an lxml XPathEvaluator is called with an expression that embeds request.values via %-format
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
DOC = etree.parse("/srv/app/inventory.xml")


@app.route("/stock")
def stock():
    item = request.values.get("item", "")
    evaluate = etree.XPathEvaluator(DOC)
    return {"count": evaluate("count(//item[name='%s']/unit)" % item)}
