# CWE-643 vuln: header value stored in a dict and read back under the same key into an XPath expression
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
ROUTES = etree.parse("/srv/app/routes.xml")


@app.route("/route")
def route():
    params = {"region": request.headers.get("X-Region", "eu")}
    expr = "//route[@region='%s']/@target" % params["region"]
    return {"targets": [str(t) for t in ROUTES.xpath(expr)]}
