# CWE-330 vuln: account activation codes generated with numpy.random.randint (PCG64/MT19937, not cryptographic)
import numpy as np
from flask import Flask, request

app = Flask(__name__)
PENDING = {}


@app.post("/signup")
def signup():
    code = "".join(map(str, np.random.randint(0, 10, size=10)))
    PENDING[code] = request.form["email"]
    return {"status": "check your mail"}
