# CWE-611 safe: the base64 SAML payload is parsed with defusedxml.minidom.parseString
import base64

from defusedxml.minidom import parseString
from flask import Flask, request

app = Flask(__name__)


@app.route("/saml/acs", methods=["POST"])
def saml_acs():
    xml_text = base64.b64decode(request.form["SAMLResponse"]).decode("utf-8")
    doc = parseString(xml_text)
    return {"issuer": doc.getElementsByTagName("saml:Issuer")[0].firstChild.data}
