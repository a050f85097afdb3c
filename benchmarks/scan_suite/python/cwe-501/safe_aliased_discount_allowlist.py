# CWE-501 safe: the posted discount code must be one of the active codes; unknown codes return before the session is touched
from flask import Flask
from flask import request as req
from flask import session as sess

app = Flask(__name__)
ACTIVE_CODES = frozenset({"WELCOME10", "SPRING24", "VIP"})


@app.post("/cart/discount")
def apply_discount():
    code = req.values.get("code", "").upper()
    if code not in ACTIVE_CODES:
        return {"error": "invalid code"}, 400
    sess["discount_code"] = code
    return {"discount": sess["discount_code"]}
