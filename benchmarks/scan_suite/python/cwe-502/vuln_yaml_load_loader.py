# CWE-502 vuln: the request body is parsed with yaml.load(..., Loader=yaml.Loader), which builds arbitrary Python objects
import yaml
from flask import Flask, request

app = Flask(__name__)


@app.post("/pipelines")
def create_pipeline():
    spec = yaml.load(request.data, Loader=yaml.Loader)
    return {"steps": len(spec.get("steps", []))}
