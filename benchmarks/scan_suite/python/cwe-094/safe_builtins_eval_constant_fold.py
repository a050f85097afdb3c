# CWE-94 safe: 7 * 18 + 86 = 212 > 200 so the literal "False" is evaluated; the header never reaches eval
import builtins

from flask import Flask, request

app = Flask(__name__)
evaluate = builtins.eval


@app.route("/feature-flag")
def feature_flag():
    param = request.headers.get("X-Flag-Condition", "False")
    num = 86
    condition = "False" if 7 * 18 + num > 200 else param
    return {"enabled": bool(evaluate(condition))}
