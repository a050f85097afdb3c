# CWE-643 vuln: the query-string name is concatenated into an lxml XPath predicate; "' or '1'='1" returns every user
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/srv/app/users.xml")


@app.route("/users/find")
def find_user():
    name = request.args.get("name", "")
    hits = USERS.xpath("//user[@name='" + name + "']")
    return {"emails": [u.get("email") for u in hits]}
