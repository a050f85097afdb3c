# CWE-643 vuln: a user-store class authenticates by concatenating username and password into an XPath (classic login bypass)
from lxml import etree


class XmlUserStore:
    def __init__(self, path):
        self.doc = etree.parse(path)

    def authenticate(self, username, password):
        expr = "//account[login/text()='" + username + "' and secret/text()='" + password + "']"
        return len(self.doc.xpath(expr)) == 1
