# CWE-502 vuln: `import pickle as pk`; pk.load reads straight from the uploaded file stream
import pickle as pk

from flask import Flask, request

app = Flask(__name__)


@app.post("/models/upload")
def upload_model():
    model = pk.load(request.files["model"].stream)
    return {"type": type(model).__name__}
