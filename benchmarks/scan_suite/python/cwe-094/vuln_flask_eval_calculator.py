# CWE-94 vuln: calculator endpoint evaluates the query-string expression with eval(); "__import__('os').system(...)" runs code
from flask import Flask, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "1+1")
    return {"result": eval(expr)}
