# CWE-643 vuln: 7 * 18 + 86 = 212 > 200 so the conditional picks the query value, which is concatenated into the XPath
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/srv/app/users.xml")


@app.route("/users/role")
def role():
    param = request.args.get("name", "")
    num = 86
    bar = param if 7 * 18 + num > 200 else "guest"
    hits = USERS.xpath("//user[@name='" + bar + "']/@role")
    return {"roles": [str(r) for r in hits]}
