# CWE-643 vuln: a base64 cookie is decoded and spliced into an XPath predicate on the preferences document
import base64

from flask import Flask, request
from lxml import etree

app = Flask(__name__)
PREFS = etree.parse("/srv/app/prefs.xml")


@app.route("/prefs")
def prefs():
    profile = base64.b64decode(request.cookies.get("profile", "ZGVmYXVsdA==")).decode()
    node = PREFS.xpath("/prefs/profile[@id='" + profile + "']")
    return {"found": bool(node)}
