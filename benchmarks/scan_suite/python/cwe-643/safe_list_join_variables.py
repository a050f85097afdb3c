# CWE-643 safe: the loop joins only variable references ($t0, $t1, ...) into the XPath; the tag values are bound as variables
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
ARTICLES = etree.parse("/srv/app/articles.xml")


@app.post("/articles/search")
def search():
    conds = []
    variables = {}
    for i, tag in enumerate(request.get_json().get("tags", [])):
        conds.append(f"tag=$t{i}")
        variables[f"t{i}"] = str(tag)
    expr = "//article[" + " or ".join(conds) + "]/@id" if conds else "//article/@id"
    return {"ids": [str(i) for i in ARTICLES.xpath(expr, **variables)]}
