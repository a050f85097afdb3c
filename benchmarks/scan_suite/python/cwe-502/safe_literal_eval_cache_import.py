# CWE-502 safe: the cache dump is parsed with ast.literal_eval (literals only) instead of marshal.loads
import ast

from flask import Flask, request

app = Flask(__name__)


@app.post("/cache/import")
def import_cache():
    entries = ast.literal_eval(request.get_data(as_text=True))
    if not isinstance(entries, dict):
        return {"error": "expected a dict"}, 400
    return {"imported": len(entries)}
