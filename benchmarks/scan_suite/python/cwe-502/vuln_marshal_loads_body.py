# CWE-502 vuln: marshal.loads on the raw request body; marshal is not safe against malicious data and can yield code objects
import marshal

from flask import Flask, request

app = Flask(__name__)


@app.post("/cache/import")
def import_cache():
    entries = marshal.loads(request.get_data())
    return {"imported": len(entries)}
