# CWE-611 safe: lxml.objectify parser made with resolve_entities=False and no_network=True
from flask import Flask, request
from lxml import objectify

app = Flask(__name__)


@app.post("/device/config")
def device_config():
    parser = objectify.makeparser(resolve_entities=False, no_network=True, remove_blank_text=True)
    cfg = objectify.fromstring(request.form["xml"].encode(), parser)
    return {"hostname": str(cfg.hostname)}
