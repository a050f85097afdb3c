# CWE-94 vuln: "playground" view exec()s the posted code with the real globals
from flask import Flask, request

app = Flask(__name__)


@app.post("/playground/run")
def run_snippet():
    code = request.form["code"]
    scope = {}
    exec(code, globals(), scope)
    return {"vars": sorted(scope)}
