# CWE-94 safe: the submitted expression is stored under "user" but eval reads "default", which holds a constant expression
from flask import Flask, request

app = Flask(__name__)


@app.route("/preview-total")
def preview_total():
    exprs = {"user": request.args.get("expr", ""), "default": "19.99 * 3"}
    return {"total": eval(exprs["default"]), "ignored": exprs["user"]}
