# CWE-94 vuln: JSON-supplied rule source is compile()d and the code object executed to build a transformer
from flask import Flask, request

app = Flask(__name__)


@app.post("/rules")
def add_rule():
    src = request.get_json()["source"]
    code_obj = compile(src, "<rule>", "exec")
    namespace = {}
    exec(code_obj, namespace)
    transform = namespace.get("transform")
    return {"loaded": callable(transform)}
