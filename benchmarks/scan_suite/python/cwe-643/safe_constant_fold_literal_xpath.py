# CWE-643 safe: 7 * 18 + 86 = 212 > 200 picks the literal "guest", so the query value never reaches the XPath
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/srv/app/users.xml")


@app.route("/users/role")
def role():
    param = request.args.get("name", "")
    num = 86
    bar = "guest" if 7 * 18 + num > 200 else param
    hits = USERS.xpath("//user[@name='" + bar + "']/@role")
    return {"roles": [str(r) for r in hits], "asked": param}
