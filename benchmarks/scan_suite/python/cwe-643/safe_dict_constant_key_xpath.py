# CWE-643 safe: the header is stored under "requested" while the XPath reads "region", which holds the literal "eu"
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
ROUTES = etree.parse("/srv/app/routes.xml")


@app.route("/route")
def route():
    params = {"requested": request.headers.get("X-Region", "eu"), "region": "eu"}
    expr = "//route[@region='%s']/@target" % params["region"]
    return {"targets": [str(t) for t in ROUTES.xpath(expr)], "asked": params["requested"]}
