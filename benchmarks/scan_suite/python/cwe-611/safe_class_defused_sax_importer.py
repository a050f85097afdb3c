# CWE-611 safe: the importer class gets its parser from defusedxml.sax.make_parser, which rejects entity declarations
import io

from xml.sax.handler import ContentHandler

from defusedxml.sax import make_parser


class ContactImporter(ContentHandler):
    def __init__(self):
        super().__init__()
        self.emails = []
        self._buf = None

    def startElement(self, name, attrs):
        self._buf = [] if name == "email" else None

    def characters(self, content):
        if self._buf is not None:
            self._buf.append(content)

    def endElement(self, name):
        if name == "email" and self._buf is not None:
            self.emails.append("".join(self._buf))
            self._buf = None

    def load(self, xml_bytes):
        parser = make_parser()
        parser.setContentHandler(self)
        parser.parse(io.BytesIO(xml_bytes))
        return self.emails
