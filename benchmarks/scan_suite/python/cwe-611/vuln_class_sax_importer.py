# CWE-611 vuln: an importer class enables external general and parameter entities on its sax parser and parses caller data
import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges, feature_external_pes


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
        parser = xml.sax.make_parser()
        parser.setFeature(feature_external_ges, True)
        parser.setFeature(feature_external_pes, True)
        parser.setContentHandler(self)
        parser.parse(io.BytesIO(xml_bytes))
        return self.emails
