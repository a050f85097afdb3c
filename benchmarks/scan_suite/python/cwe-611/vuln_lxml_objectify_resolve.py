# CWE-611 vuln: lxml.objectify parses a posted config with a parser that resolves entities
from flask import Flask, request
from lxml import objectify

app = Flask(__name__)


@app.post("/device/config")
def device_config():
    parser = objectify.makeparser(resolve_entities=True, remove_blank_text=True)
    cfg = objectify.fromstring(request.form["xml"].encode(), parser)
    return {"hostname": str(cfg.hostname)}
