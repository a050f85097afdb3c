# CWE-94 safe: ast.literal_eval only accepts Python literals (numbers, strings, tuples, lists, dicts...), never calls or names
import ast

from flask import Flask, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "1+1")
    try:
        return {"result": ast.literal_eval(expr)}
    except (ValueError, SyntaxError):
        return {"error": "not a literal"}, 400
