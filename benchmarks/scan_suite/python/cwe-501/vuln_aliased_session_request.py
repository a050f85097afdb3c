# CWE-501 vuln: with aliased flask imports, the posted discount code is put into the session unchecked
from flask import Flask
from flask import request as req
from flask import session as sess

app = Flask(__name__)


@app.post("/cart/discount")
def apply_discount():
    code = req.values.get("code", "")
    sess["discount_code"] = code.upper()
    return {"discount": sess["discount_code"]}
