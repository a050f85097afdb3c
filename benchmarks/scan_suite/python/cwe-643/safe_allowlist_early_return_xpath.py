# CWE-643 safe: the status must be one of three known values, otherwise the view returns before concatenating it into the XPath
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
TICKETS = etree.parse("/srv/app/tickets.xml")
STATUSES = ("open", "pending", "closed")


@app.route("/tickets")
def tickets():
    status = request.args.get("status", "open")
    if status not in STATUSES:
        return {"error": "unknown status"}, 400
    return {"ids": [str(i) for i in TICKETS.xpath("//ticket[@status='" + status + "']/@id")]}
