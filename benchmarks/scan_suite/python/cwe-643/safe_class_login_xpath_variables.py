# CWE-643 safe: the user-store class binds username and password as XPath variables $u and $p
from lxml import etree


class XmlUserStore:
    def __init__(self, path):
        self.doc = etree.parse(path)

    def authenticate(self, username, password):
        expr = "//account[login/text()=$u and secret/text()=$p]"
        return len(self.doc.xpath(expr, u=username, p=password)) == 1
