# CWE-94 safe: the JSON expression is parsed with ast and walked by a small evaluator that only knows numbers and + - * /
import ast
import operator

from flask import Flask, request

app = Flask(__name__)
OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def arith(node):
    if isinstance(node, ast.Expression):
        return arith(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return OPS[type(node.op)](arith(node.left), arith(node.right))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -arith(node.operand)
    raise ValueError("unsupported expression")


@app.post("/rules")
def add_rule():
    src = request.get_json()["source"]
    return {"value": arith(ast.parse(src, mode="eval"))}
