# CWE-643 safe: the name is passed as the XPath variable $n (tree.xpath(..., n=value)), never spliced into the expression
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
USERS = etree.parse("/srv/app/users.xml")


@app.route("/users/find")
def find_user():
    name = request.args.get("name", "")
    hits = USERS.xpath("//user[@name=$n]", n=name)
    return {"emails": [u.get("email") for u in hits]}
