# CWE-643 vuln: JSON tags are appended as predicate fragments in a loop and " or ".join-ed into one XPath
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
ARTICLES = etree.parse("/srv/app/articles.xml")


@app.post("/articles/search")
def search():
    conds = []
    for tag in request.get_json().get("tags", []):
        conds.append("tag='" + tag + "'")
    expr = "//article[" + " or ".join(conds) + "]/@id" if conds else "//article/@id"
    return {"ids": [str(i) for i in ARTICLES.xpath(expr)]}
