# CWE-501 safe: 7 * 18 + 86 = 212 > 200 is true and selects the literal "free"; the request value is never stored
from flask import Flask, request, session

app = Flask(__name__)


@app.route("/plan")
def plan():
    param = request.args.get("plan", "")
    num = 86
    bar = "free" if 7 * 18 + num > 200 else param
    session["plan"] = bar
    return {"plan": bar, "asked": param}
