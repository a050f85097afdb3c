# CWE-94 vuln: eval reached through the builtins module and a local alias; the header value is evaluated
import builtins

from flask import Flask, request

app = Flask(__name__)
evaluate = builtins.eval


@app.route("/feature-flag")
def feature_flag():
    condition = request.headers.get("X-Flag-Condition", "False")
    return {"enabled": bool(evaluate(condition))}
