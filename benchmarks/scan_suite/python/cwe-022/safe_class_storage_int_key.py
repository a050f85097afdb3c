# CWE-22 safe: the storage key is converted with int() before formatting, so only digits can appear in the path
from flask import Flask, abort, request

app = Flask(__name__)


class LocalStorage:
    def __init__(self, root):
        self.root = root

    def read(self, key):
        path = "{}/{}.bin".format(self.root, key)
        with open(path, "rb") as fh:
            return fh.read()


store = LocalStorage("/srv/blobs")


@app.route("/blob")
def blob():
    try:
        key = int(request.values["key"])
    except ValueError:
        abort(400)
    return store.read(key)
