# CWE-94 safe: the field path is resolved with getattr / dict lookups over an allow-listed set of names, no eval
from flask import Flask, abort, request

app = Flask(__name__)
PUBLIC_FIELDS = {"owner", "size", "name", "team"}


class Record:
    def __init__(self):
        self.owner = {"name": "ana", "team": "core"}
        self.size = 42


@app.route("/record/field")
def field():
    path = request.args.get("path", "size").split(".")
    if any(part not in PUBLIC_FIELDS for part in path):
        abort(400)
    value = Record()
    for part in path:
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return {"value": str(value)}
