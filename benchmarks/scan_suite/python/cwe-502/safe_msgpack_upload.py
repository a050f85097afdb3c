# CWE-502 safe: the uploaded model metadata is read with msgpack.unpackb (plain data types, no object construction)
import msgpack
from flask import Flask, request

app = Flask(__name__)


@app.post("/models/upload")
def upload_model():
    meta = msgpack.unpackb(request.files["model"].stream.read(), raw=False)
    return {"type": type(meta).__name__, "keys": sorted(meta) if isinstance(meta, dict) else []}
