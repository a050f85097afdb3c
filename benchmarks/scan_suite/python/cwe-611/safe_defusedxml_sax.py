# CWE-611 safe: the uploaded feed is parsed with defusedxml.sax, which forbids external entities and entity expansion
from xml.sax.handler import ContentHandler

import defusedxml.sax
from flask import Flask, request

app = Flask(__name__)


class TitleCollector(ContentHandler):
    def __init__(self):
        super().__init__()
        self.titles = []
        self._in_title = False

    def startElement(self, name, attrs):
        self._in_title = name == "title"

    def characters(self, content):
        if self._in_title:
            self.titles.append(content)


@app.post("/feeds/import")
def import_feed():
    handler = TitleCollector()
    defusedxml.sax.parse(request.files["feed"].stream, handler)
    return {"titles": handler.titles}
