# CWE-94 vuln: the field path from the query string is concatenated into source code that eval resolves against the record
from flask import Flask, request

app = Flask(__name__)


class Record:
    def __init__(self):
        self.owner = {"name": "ana", "team": "core"}
        self.size = 42


@app.route("/record/field")
def field():
    path = request.args.get("path", "size")
    rec = Record()
    value = eval("rec." + path, {"rec": rec})
    return {"value": str(value)}
