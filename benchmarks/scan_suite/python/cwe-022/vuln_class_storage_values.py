# CWE-22 vuln: request.values flows into a storage class whose read method formats it into a path with str.format
from flask import Flask, request

app = Flask(__name__)


class LocalStorage:
    def __init__(self, root):
        self.root = root

    def read(self, key):
        path = "{}/{}".format(self.root, key)
        with open(path, "rb") as fh:
            return fh.read()


store = LocalStorage("/srv/blobs")


@app.route("/blob")
def blob():
    return store.read(request.values["key"])
