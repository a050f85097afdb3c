# CWE-643 safe: the decoded cookie is converted with int(), so only a number is formatted into the XPath
import base64

from flask import Flask, abort, request
from lxml import etree

app = Flask(__name__)
PREFS = etree.parse("/srv/app/prefs.xml")


@app.route("/prefs")
def prefs():
    try:
        profile = int(base64.b64decode(request.cookies.get("profile", "MQ==")).decode())
    except ValueError:
        abort(400)
    node = PREFS.xpath("/prefs/profile[@id='%d']" % profile)
    return {"found": bool(node)}
