# CWE-611 vuln: minidom.parseString uses a sax parser with external general entities on, for a base64-decoded header payload
import base64
import xml.sax
from xml.dom import minidom
from xml.sax.handler import feature_external_ges

from flask import Flask, request

app = Flask(__name__)


@app.route("/saml/acs", methods=["POST"])
def saml_acs():
    xml_text = base64.b64decode(request.form["SAMLResponse"]).decode("utf-8")
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    doc = minidom.parseString(xml_text, parser=parser)
    return {"issuer": doc.getElementsByTagName("saml:Issuer")[0].firstChild.data}
