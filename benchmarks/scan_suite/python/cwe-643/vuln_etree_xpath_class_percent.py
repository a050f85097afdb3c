# CWE-643 vuln: an etree.XPath object is compiled from a %-formatted expression that embeds the form value
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
CATALOG = etree.parse("/srv/app/catalog.xml")


@app.post("/books/by-author")
def by_author():
    author = request.form["author"]
    find = etree.XPath("//book[author='%s']/title/text()" % author)
    return {"titles": [str(t) for t in find(CATALOG)]}
