# CWE-501 vuln: 7 * 18 + 86 = 212 > 200 is true, so the request value (not the literal) is what gets stored in the session
from flask import Flask, request, session

app = Flask(__name__)


@app.route("/plan")
def plan():
    param = request.args.get("plan", "")
    num = 86
    bar = param if 7 * 18 + num > 200 else "free"
    session["plan"] = bar
    return {"plan": bar}
