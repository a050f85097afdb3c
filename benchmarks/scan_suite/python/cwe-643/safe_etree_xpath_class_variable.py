# CWE-643 safe: the etree.XPath object is compiled once from a constant with $author, and the form value is bound at call time
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
CATALOG = etree.parse("/srv/app/catalog.xml")
FIND_TITLES = etree.XPath("//book[author=$author]/title/text()")


@app.post("/books/by-author")
def by_author():
    author = request.form["author"]
    return {"titles": [str(t) for t in FIND_TITLES(CATALOG, author=author)]}
