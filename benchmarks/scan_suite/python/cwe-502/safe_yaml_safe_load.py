# CWE-502 safe: the request body is parsed with yaml.safe_load (standard YAML tags only, no Python objects)
import yaml
from flask import Flask, request

app = Flask(__name__)


@app.post("/pipelines")
def create_pipeline():
    spec = yaml.safe_load(request.data)
    return {"steps": len(spec.get("steps", []))}
